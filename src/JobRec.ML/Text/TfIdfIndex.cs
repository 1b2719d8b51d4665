namespace JobRec.ML.Text;

/// <summary>TF-IDF (log tf, smoothed idf, L2-normalised) cosine nearest-neighbour index over word tokens, via an inverted index.</summary>
public sealed class TfIdfIndex
{
    private readonly Dictionary<string, int> _terms = new(StringComparer.Ordinal);
    private readonly List<List<(int Doc, float Weight)>> _postings = [];
    private readonly float[] _idf;
    private readonly int _documents;

    /// <summary>Indexes the documents; document i is returned as id i by <see cref="Search"/>.</summary>
    public TfIdfIndex(IReadOnlyList<string> documents)
    {
        _documents = documents.Count;
        var counts = new List<Dictionary<int, int>>(documents.Count);
        var df = new List<int>();
        foreach (var doc in documents)
        {
            var tf = new Dictionary<int, int>();
            foreach (var token in Tokenize(doc))
            {
                if (!_terms.TryGetValue(token, out var id)) { id = _terms.Count; _terms[token] = id; df.Add(0); _postings.Add([]); }
                tf[id] = tf.GetValueOrDefault(id) + 1;
            }
            foreach (var id in tf.Keys) df[id]++;
            counts.Add(tf);
        }
        _idf = df.Select(d => (float)(Math.Log((1.0 + _documents) / (1.0 + d)) + 1.0)).ToArray();
        for (int doc = 0; doc < counts.Count; doc++)
        {
            var weights = counts[doc].Select(kv => (kv.Key, W: (float)(1 + Math.Log(kv.Value)) * _idf[kv.Key])).ToList();
            float norm = MathF.Sqrt(weights.Sum(w => w.W * w.W));
            foreach (var (term, w) in weights) _postings[term].Add((doc, w / norm));
        }
    }

    /// <summary>Lower-cased runs of letters and digits.</summary>
    public static IEnumerable<string> Tokenize(string text)
    {
        int start = -1;
        for (int i = 0; i <= text.Length; i++)
        {
            bool word = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (word && start < 0) start = i;
            else if (!word && start >= 0) { yield return text[start..i].ToLowerInvariant(); start = -1; }
        }
    }

    /// <summary>The k most similar documents (id, cosine), best first; documents sharing no term are not returned.</summary>
    /// <exception cref="ArgumentOutOfRangeException">k is not positive.</exception>
    public IReadOnlyList<(int Document, float Score)> Search(string query, int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        var tf = new Dictionary<int, int>();
        foreach (var token in Tokenize(query))
            if (_terms.TryGetValue(token, out var id)) tf[id] = tf.GetValueOrDefault(id) + 1;
        if (tf.Count == 0) return [];
        var q = tf.Select(kv => (kv.Key, W: (float)(1 + Math.Log(kv.Value)) * _idf[kv.Key])).ToList();
        float norm = MathF.Sqrt(q.Sum(x => x.W * x.W));
        var scores = new Dictionary<int, float>();
        foreach (var (term, w) in q)
            foreach (var (doc, dw) in _postings[term])
                scores[doc] = scores.GetValueOrDefault(doc) + w / norm * dw;
        return scores.OrderByDescending(s => s.Value).ThenBy(s => s.Key).Take(k).Select(s => (s.Key, s.Value)).ToList();
    }
}
