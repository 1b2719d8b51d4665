namespace JobRec.ML.Onet;

/// <summary>Ids of the <see cref="TitleNgrams"/> features seen in training titles, with their inverse document frequencies; unseen features are dropped.</summary>
public sealed class TitleVocabulary
{
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly float[] _idf;

    /// <summary>Builds the vocabulary of every feature of <paramref name="titles"/>.</summary>
    public TitleVocabulary(IReadOnlyList<string> titles)
    {
        ArgumentNullException.ThrowIfNull(titles);
        var df = new List<int>();
        foreach (var title in titles)
            foreach (var id in Distinct(title, add: true, df)) df[id]++;
        _idf = df.Select(d => (float)(Math.Log((1.0 + titles.Count) / (1.0 + d)) + 1.0)).ToArray();
    }

    private TitleVocabulary(string[] features, float[] idf)
    {
        for (int i = 0; i < features.Length; i++) _ids[features[i]] = i;
        _idf = idf;
    }

    /// <summary>Number of distinct features.</summary>
    public int Count => _ids.Count;

    /// <summary>Smoothed inverse document frequency of feature <paramref name="id"/>: ln((1+N)/(1+df)) + 1.</summary>
    public float Idf(int id) => _idf[id];

    /// <summary>The distinct known feature ids of <paramref name="title"/>, in first-seen order.</summary>
    public int[] Extract(string title) => Distinct(title, add: false, null).ToArray();

    private List<int> Distinct(string title, bool add, List<int>? df)
    {
        var result = new List<int>();
        var seen = new HashSet<int>();
        foreach (var feature in TitleNgrams.Of(title))
        {
            if (!_ids.TryGetValue(feature, out var id))
            {
                if (!add) continue;
                id = _ids.Count;
                _ids[feature] = id;
                df!.Add(0);
            }
            if (seen.Add(id)) result.Add(id);
        }
        return result;
    }

    /// <summary>Writes the features in id order and their IDF (<see cref="OnetModelFile"/>).</summary>
    internal void WriteTo(OnetModelWriter writer)
    {
        var features = new string[_ids.Count];
        foreach (var (feature, id) in _ids) features[id] = feature;
        writer.Strings(features);
        writer.Floats(_idf);
    }

    /// <summary>Reads a vocabulary written by <see cref="WriteTo"/>.</summary>
    /// <exception cref="InvalidDataException">A feature repeats or the IDF count differs.</exception>
    internal static TitleVocabulary ReadFrom(OnetModelReader reader)
    {
        var features = reader.Strings("vocabulary features");
        var idf = reader.Floats("vocabulary IDF", features.Length);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var f in features)
            if (!seen.Add(f)) throw reader.Error($"vocabulary feature '{f}' appears twice");
        return new TitleVocabulary(features, idf);
    }
}
