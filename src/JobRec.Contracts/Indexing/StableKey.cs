namespace JobRec.Contracts.Indexing;

/// <summary>64-bit FNV-1a hashes of strings that are the same in every process (string.GetHashCode is randomised per process).</summary>
public static class StableKey
{
    private const ulong OffsetBasis = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;

    /// <summary>The hash of the UTF-16 code units of <paramref name="text"/>.</summary>
    public static ulong Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var h = OffsetBasis;
        foreach (var c in text)
        {
            h = (h ^ (c & 0xFFu)) * Prime;
            h = (h ^ ((uint)c >> 8)) * Prime;
        }

        return h;
    }

    /// <summary>The hash of <paramref name="text"/> in upper case (invariant culture), so values that differ only in case share it.</summary>
    public static ulong OfUpperInvariant(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Of(text.ToUpperInvariant());
    }
}
