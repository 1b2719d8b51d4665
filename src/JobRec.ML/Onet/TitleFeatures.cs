using JobRec.ML.Text;

namespace JobRec.ML.Onet;

/// <summary>Sparse lexical features of short titles: word unigrams and adjacent-word bigrams, with a vocabulary fixed at training time.</summary>
public sealed class TitleFeatures
{
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);

    /// <summary>Builds the vocabulary: every unigram, and bigrams seen at least <paramref name="minBigramCount"/> times.</summary>
    public TitleFeatures(IEnumerable<string> titles, int minBigramCount = 2)
    {
        var bigrams = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var title in titles)
            foreach (var f in Raw(title))
                if (f.StartsWith("b:", StringComparison.Ordinal)) bigrams[f] = bigrams.GetValueOrDefault(f) + 1;
                else _index.TryAdd(f, _index.Count);
        foreach (var (f, count) in bigrams)
            if (count >= minBigramCount) _index.TryAdd(f, _index.Count);
    }

    /// <summary>Number of distinct features.</summary>
    public int Count => _index.Count;

    /// <summary>Known feature ids of <paramref name="title"/> with weight 1/sqrt(count) each (L2-normalised binary vector).</summary>
    public (int[] Ids, float Weight) Extract(string title)
    {
        var ids = Raw(title).Select(f => _index.TryGetValue(f, out var id) ? id : -1).Where(id => id >= 0).Distinct().ToArray();
        return (ids, ids.Length == 0 ? 0f : 1f / MathF.Sqrt(ids.Length));
    }

    private static IEnumerable<string> Raw(string title)
    {
        string? previous = null;
        foreach (var token in TfIdfIndex.Tokenize(title))
        {
            yield return "w:" + token;
            if (previous is not null) yield return "b:" + previous + "_" + token;
            previous = token;
        }
    }
}
