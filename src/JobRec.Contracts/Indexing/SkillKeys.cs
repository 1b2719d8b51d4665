namespace JobRec.Contracts.Indexing;

/// <summary>
/// Skills as sorted distinct 64-bit keys, so the skill overlap of a user and a job is a merge of two short arrays instead of
/// string hashing ignoring case. A key is the <see cref="StableKey"/> of the trimmed skill in upper case (invariant culture): stable across
/// processes, so a shard on any silo computes the same keys; two different skills share a key with probability about n^2 / 2^65.
/// </summary>
public static class SkillKeys
{
    /// <summary>The sorted distinct keys of the trimmed non-empty skills (case ignored).</summary>
    public static ulong[] Of(IEnumerable<string> skills)
    {
        ArgumentNullException.ThrowIfNull(skills);
        var keys = new List<ulong>();
        foreach (var skill in skills)
        {
            var s = skill?.Trim();
            if (!string.IsNullOrEmpty(s))
            {
                keys.Add(KeyOf(s));
            }
        }

        if (keys.Count == 0)
        {
            return [];
        }

        keys.Sort();
        var n = 1;
        for (var i = 1; i < keys.Count; i++)
        {
            if (keys[i] != keys[n - 1])
            {
                keys[n++] = keys[i];
            }
        }

        return keys.GetRange(0, n).ToArray();
    }

    /// <summary>The key of one skill (already trimmed).</summary>
    public static ulong KeyOf(string trimmedSkill) => StableKey.OfUpperInvariant(trimmedSkill);

    /// <summary>Jaccard similarity of two sorted distinct key arrays (as <see cref="Of"/> returns): shared keys over all keys; 0 when both are empty.</summary>
    public static float Jaccard(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b)
    {
        int i = 0, j = 0, common = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j])
            {
                common++;
                i++;
                j++;
            }
            else if (a[i] < b[j])
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        var union = a.Length + b.Length - common;
        return union > 0 ? (float)common / union : 0f;
    }
}
