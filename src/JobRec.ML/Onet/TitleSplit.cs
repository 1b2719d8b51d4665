using JobRec.Data.Hashing;
using JobRec.Data.Model;

namespace JobRec.ML.Onet;

/// <summary>Deterministic train/test split of labelled titles by a stable hash of code and title (same split on every machine and run).</summary>
public static class TitleSplit
{
    /// <summary>Puts roughly <paramref name="testPercent"/>% of the rows in the test part, chosen by FNV-1a hash of salt + "code|lower(title)"
    /// (the empty salt gives the evaluation split; another salt an independent split, e.g. a development part of the training rows).</summary>
    /// <exception cref="ArgumentOutOfRangeException">testPercent is not within 1..99.</exception>
    public static (IReadOnlyList<TitleLabel> Train, IReadOnlyList<TitleLabel> Test) Split(IEnumerable<TitleLabel> rows, int testPercent = 20, string salt = "")
    {
        ArgumentNullException.ThrowIfNull(salt);
        ArgumentOutOfRangeException.ThrowIfLessThan(testPercent, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(testPercent, 99);
        var train = new List<TitleLabel>();
        var test = new List<TitleLabel>();
        foreach (var row in rows)
            (StableHash(salt + row.Code + "|" + row.Title.ToLowerInvariant()) % 100 < (uint)testPercent ? test : train).Add(row);
        return (train, test);
    }

    /// <summary>Training rows whose title (case-insensitive) does not occur among <paramref name="heldOut"/>.</summary>
    public static IReadOnlyList<TitleLabel> ExcludeTitles(IEnumerable<TitleLabel> rows, IEnumerable<TitleLabel> heldOut)
    {
        var banned = new HashSet<string>(heldOut.Select(t => t.Title), StringComparer.OrdinalIgnoreCase);
        return rows.Where(r => !banned.Contains(r.Title)).ToList();
    }

    /// <summary>32-bit FNV-1a over the UTF-16 code units of <paramref name="text"/>.</summary>
    public static uint StableHash(string text) => Fnv1a.Hash32(text);
}
