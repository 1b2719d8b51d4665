namespace JobRec.ML.Recommenders;

/// <summary>
/// Sparse TF-IDF vectors of job titles: lower-cased letter words of two or more letters, a few filler words dropped, IDF
/// over the catalog's job titles. Each job's vector and every <see cref="Encode"/> result is L2-normalised (empty when
/// no known word), so the dot product of two of them is their cosine.
/// </summary>
public sealed class TitleTermIndex
{
    private static readonly HashSet<string> Filler = new(StringComparer.Ordinal)
    {
        "and", "the", "for", "with", "of", "in", "at", "to", "a", "an", "or", "job", "jobs", "needed", "hiring", "now", "new", "our", "you", "your", "are",
    };

    private readonly Dictionary<string, int> _terms;
    private readonly float[] _idf;
    private readonly SparseTerms[] _jobs;
    private readonly int[][] _postings; // term -> jobs having it

    private TitleTermIndex(Dictionary<string, int> terms, float[] idf, SparseTerms[] jobs)
    {
        _terms = terms;
        _idf = idf;
        _jobs = jobs;
        var lists = new List<int>[idf.Length];
        for (int t = 0; t < lists.Length; t++) lists[t] = [];
        for (int j = 0; j < jobs.Length; j++)
            foreach (int t in jobs[j].Ids) lists[t].Add(j);
        _postings = lists.Select(l => l.ToArray()).ToArray();
    }

    /// <summary>Builds the vocabulary and IDF from the job titles (one per job index) and the jobs' vectors.</summary>
    public static TitleTermIndex Build(IReadOnlyList<string> jobTitles)
    {
        ArgumentNullException.ThrowIfNull(jobTitles);
        var terms = new Dictionary<string, int>(StringComparer.Ordinal);
        var df = new List<int>();
        var tokenised = new List<string>[jobTitles.Count];
        for (int j = 0; j < jobTitles.Count; j++)
        {
            tokenised[j] = Tokens(jobTitles[j]);
            foreach (var word in tokenised[j].Distinct(StringComparer.Ordinal))
            {
                if (!terms.TryGetValue(word, out int id)) { terms[word] = id = df.Count; df.Add(0); }
                df[id]++;
            }
        }
        int n = jobTitles.Count;
        var idf = df.Select(d => MathF.Log((n + 1f) / (d + 1f)) + 1f).ToArray();
        var index = new TitleTermIndex(terms, idf, []);
        var jobs = tokenised.Select(t => index.Vector(t.Select(w => (w, 1f)))).ToArray();
        return new TitleTermIndex(terms, idf, jobs);
    }

    /// <summary>The words of a title that count: lower-cased runs of letters, two or more long, filler words dropped.</summary>
    public static List<string> Tokens(string title)
    {
        var result = new List<string>();
        if (string.IsNullOrEmpty(title)) return result;
        int start = -1;
        for (int i = 0; i <= title.Length; i++)
        {
            bool letter = i < title.Length && char.IsLetter(title[i]);
            if (letter && start < 0) start = i;
            else if (!letter && start >= 0)
            {
                if (i - start >= 2)
                {
                    var word = title[start..i].ToLowerInvariant();
                    if (!Filler.Contains(word)) result.Add(word);
                }
                start = -1;
            }
        }
        return result;
    }

    /// <summary>Writes the vocabulary and IDF (not the catalog's job vectors): all <see cref="Encode"/> needs.</summary>
    public void SaveVocabulary(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var words = new string[_idf.Length];
        foreach (var (word, id) in _terms) words[id] = word;
        writer.Write(words.Length);
        foreach (var word in words) writer.Write(word);
        ModelIO.WriteFloats(writer, _idf);
    }

    /// <summary>Reads a vocabulary written by <see cref="SaveVocabulary"/>; the result encodes titles but has no job vectors.</summary>
    /// <exception cref="InvalidDataException">Truncated or inconsistent vocabulary.</exception>
    public static TitleTermIndex LoadVocabulary(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        int count = reader.ReadInt32();
        if (count < 0 || count > reader.BaseStream.Length - reader.BaseStream.Position)
            throw new InvalidDataException($"title vocabulary has an invalid word count {count}");
        var terms = new Dictionary<string, int>(count, StringComparer.Ordinal);
        for (int i = 0; i < count; i++)
            if (!terms.TryAdd(reader.ReadString(), i)) throw new InvalidDataException($"title vocabulary lists word {i} twice");
        var idf = ModelIO.ReadFloats(reader);
        if (idf.Length != count) throw new InvalidDataException($"title vocabulary has {count} words and {idf.Length} IDF values");
        return new TitleTermIndex(terms, idf, []);
    }

    /// <summary>Number of distinct words of the vocabulary.</summary>
    public int TermCount => _idf.Length;

    /// <summary>The normalised vector of job <paramref name="job"/>'s title.</summary>
    public SparseTerms Job(int job) => _jobs[job];

    /// <summary>Jobs whose title has term <paramref name="term"/>, ascending.</summary>
    public ReadOnlySpan<int> JobsWith(int term) => _postings[term];

    /// <summary>The normalised vector of several titles, each weighted (e.g. by recency); words outside the vocabulary are ignored.</summary>
    public SparseTerms Encode(IEnumerable<(string Title, float Weight)> titles)
        => Vector(titles.SelectMany(t => Tokens(t.Title).Select(w => (w, t.Weight))));

    private SparseTerms Vector(IEnumerable<(string Word, float Weight)> words)
    {
        var sum = new Dictionary<int, float>();
        foreach (var (word, weight) in words)
            if (_terms.TryGetValue(word, out int id)) sum[id] = sum.GetValueOrDefault(id) + weight * _idf[id];
        return SparseTerms.Normalised(sum);
    }
}

/// <summary>A sparse vector over title terms: ascending term ids and their values.</summary>
/// <param name="Ids">Term ids, ascending.</param>
/// <param name="Values">Value of each id.</param>
public readonly record struct SparseTerms(int[] Ids, float[] Values)
{
    /// <summary>The empty vector.</summary>
    public static SparseTerms Empty { get; } = new([], []);

    /// <summary>True when no term has a value.</summary>
    public bool IsEmpty => Ids is null || Ids.Length == 0;

    /// <summary>The vector of the accumulated values, scaled to unit length (empty when all are zero).</summary>
    public static SparseTerms Normalised(IReadOnlyDictionary<int, float> values)
    {
        double norm = Math.Sqrt(values.Values.Sum(v => (double)v * v));
        if (norm <= 0) return Empty;
        var ids = values.Keys.Order().ToArray();
        return new SparseTerms(ids, ids.Select(i => (float)(values[i] / norm)).ToArray());
    }

    /// <summary>Dot product with another sparse vector (merge of the sorted ids).</summary>
    public float Dot(SparseTerms other)
    {
        if (IsEmpty || other.IsEmpty) return 0;
        int i = 0, j = 0;
        float sum = 0;
        while (i < Ids.Length && j < other.Ids.Length)
        {
            if (Ids[i] == other.Ids[j]) sum += Values[i++] * other.Values[j++];
            else if (Ids[i] < other.Ids[j]) i++;
            else j++;
        }
        return sum;
    }
}
