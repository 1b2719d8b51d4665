namespace JobRec.Data.Hashing;

/// <summary>FNV-1a over the UTF-16 code units of a text (each char XORed in whole): stable across processes, unlike
/// string.GetHashCode. The one implementation for Data, ML and Evaluation; Contracts keeps its own (StableKey, ShardRouting)
/// because the SDK assembly references no JobRec project.</summary>
public static class Fnv1a
{
    /// <summary>The 32-bit offset basis.</summary>
    public const uint OffsetBasis32 = 2166136261;

    /// <summary>The 32-bit prime.</summary>
    public const uint Prime32 = 16777619;

    /// <summary>The 64-bit offset basis.</summary>
    public const ulong OffsetBasis64 = 14695981039346656037UL;

    /// <summary>The 64-bit prime.</summary>
    public const ulong Prime64 = 1099511628211UL;

    /// <summary>The 32-bit hash of <paramref name="text"/>, starting from <paramref name="basis"/> (a seeded variant passes another basis).</summary>
    public static uint Hash32(ReadOnlySpan<char> text, uint basis = OffsetBasis32)
    {
        var h = basis;
        foreach (var c in text)
        {
            h = (h ^ c) * Prime32;
        }

        return h;
    }

    /// <summary>The 64-bit hash of <paramref name="text"/>.</summary>
    public static ulong Hash64(ReadOnlySpan<char> text) => Append64(OffsetBasis64, text);

    /// <summary>Continues the 64-bit hash <paramref name="hash"/> with the chars of <paramref name="text"/>.</summary>
    public static ulong Append64(ulong hash, ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            hash = (hash ^ c) * Prime64;
        }

        return hash;
    }

    /// <summary>Continues the 64-bit hash <paramref name="hash"/> with one value (a separator between texts).</summary>
    public static ulong Append64(ulong hash, uint value) => (hash ^ value) * Prime64;
}
