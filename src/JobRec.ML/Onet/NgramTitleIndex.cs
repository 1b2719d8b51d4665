namespace JobRec.ML.Onet;

/// <summary>Nearest training titles by TF-IDF cosine over <see cref="TitleNgrams"/> features (words, bigrams, head word, character n-grams),
/// through an inverted index; scores each class by the best cosine among its titles.</summary>
public sealed class NgramTitleIndex
{
    private readonly TitleVocabulary _vocabulary;
    private readonly int[] _postingStart;   // feature -> first posting (CSR)
    private readonly int[] _postingTitle;
    private readonly float[] _postingWeight;
    private readonly int[] _owner;

    /// <summary>Indexes <paramref name="titles"/>, title i belonging to class <paramref name="owner"/>[i] (0..classes-1).</summary>
    /// <exception cref="ArgumentException">The counts differ or an owner is out of range.</exception>
    public NgramTitleIndex(IReadOnlyList<string> titles, IReadOnlyList<int> owner, int classes)
    {
        if (titles.Count != owner.Count) throw new ArgumentException($"{titles.Count} titles but {owner.Count} owners", nameof(owner));
        for (int i = 0; i < owner.Count; i++)
            if ((uint)owner[i] >= (uint)classes) throw new ArgumentException($"owner {owner[i]} of title {i} is outside 0..{classes - 1}", nameof(owner));
        Classes = classes;
        _owner = owner.ToArray();
        _vocabulary = new TitleVocabulary(titles);
        var features = titles.Select(_vocabulary.Extract).ToArray();
        _postingStart = new int[_vocabulary.Count + 1];
        foreach (var ids in features) foreach (var f in ids) _postingStart[f + 1]++;
        for (int f = 0; f < _vocabulary.Count; f++) _postingStart[f + 1] += _postingStart[f];
        _postingTitle = new int[_postingStart[^1]];
        _postingWeight = new float[_postingStart[^1]];
        var fill = _postingStart[..^1].ToArray();
        for (int t = 0; t < features.Length; t++)
        {
            float norm = Norm(features[t]);
            foreach (var f in features[t])
            {
                _postingTitle[fill[f]] = t;
                _postingWeight[fill[f]++] = _vocabulary.Idf(f) / norm;
            }
        }
    }

    private NgramTitleIndex(TitleVocabulary vocabulary, int[] postingStart, int[] postingTitle, float[] postingWeight, int[] owner, int classes)
    {
        (_vocabulary, _postingStart, _postingTitle, _postingWeight, _owner, Classes) = (vocabulary, postingStart, postingTitle, postingWeight, owner, classes);
    }

    /// <summary>Number of classes scored.</summary>
    public int Classes { get; }

    /// <summary>Writes, for each query, the best cosine of each class (queries x <see cref="Classes"/>, 0 where no title shares a feature), and when
    /// <paramref name="votes"/> is not empty the <see cref="NeighbourVotes"/> of the query's nearest titles (same shape).</summary>
    /// <exception cref="ArgumentException">The output (or non-empty votes) does not have queries x Classes values.</exception>
    public void ScoreClasses(IReadOnlyList<string> queries, Span<float> output, Span<float> votes = default)
    {
        if (output.Length != (long)queries.Count * Classes) throw new ArgumentException($"output needs {(long)queries.Count * Classes} values, has {output.Length}", nameof(output));
        if (!votes.IsEmpty && votes.Length != output.Length) throw new ArgumentException($"votes need {output.Length} values, have {votes.Length}", nameof(votes));
        votes.Clear();
        output.Clear();
        var accumulator = new float[_owner.Length];
        var touched = new List<int>();
        for (int q = 0; q < queries.Count; q++)
        {
            var ids = _vocabulary.Extract(queries[q]);
            if (ids.Length == 0) continue;
            float norm = Norm(ids);
            foreach (var f in ids)
            {
                float w = _vocabulary.Idf(f) / norm;
                for (int p = _postingStart[f]; p < _postingStart[f + 1]; p++)
                {
                    int t = _postingTitle[p];
                    if (accumulator[t] == 0f) touched.Add(t);
                    accumulator[t] += w * _postingWeight[p];
                }
            }
            var row = output.Slice(q * Classes, Classes);
            if (!votes.IsEmpty)
            {
                var accumulated = accumulator;
                NeighbourVotes.Tally(touched.Select(t => (t, accumulated[t])).ToArray(), _owner, votes.Slice(q * Classes, Classes));
            }
            foreach (var t in touched)
            {
                ref var best = ref row[_owner[t]];
                if (accumulator[t] > best) best = accumulator[t];
                accumulator[t] = 0f;
            }
            touched.Clear();
        }
    }

    /// <summary>Writes the index (<see cref="OnetModelFile"/>).</summary>
    internal void WriteTo(OnetModelWriter writer)
    {
        writer.Int32(Classes);
        _vocabulary.WriteTo(writer);
        writer.Ints(_postingStart);
        writer.Ints(_postingTitle);
        writer.Floats(_postingWeight);
        writer.Ints(_owner);
    }

    /// <summary>Reads an index written by <see cref="WriteTo"/> over <paramref name="classes"/> classes.</summary>
    /// <exception cref="InvalidDataException">A count or index is inconsistent.</exception>
    internal static NgramTitleIndex ReadFrom(OnetModelReader reader, int classes)
    {
        reader.Int32("n-gram index classes", classes, classes);
        var vocabulary = TitleVocabulary.ReadFrom(reader);
        var start = reader.Ints("n-gram index posting starts", vocabulary.Count + 1, 0);
        for (int f = 0; f < vocabulary.Count; f++)
            if (start[f + 1] < start[f]) throw reader.Error($"n-gram index posting starts decrease at feature {f}");
        if (start[0] != 0) throw reader.Error("n-gram index posting starts do not begin at 0");
        var postingTitle = reader.Ints("n-gram index posting titles", start[^1], 0);
        var postingWeight = reader.Floats("n-gram index posting weights", start[^1]);
        var owner = reader.Ints("n-gram index title owners", null, 0, classes - 1);
        foreach (var t in postingTitle)
            if (t >= owner.Length) throw reader.Error($"n-gram index posting names title {t}, there are {owner.Length}");
        return new NgramTitleIndex(vocabulary, start, postingTitle, postingWeight, owner, classes);
    }

    private float Norm(int[] ids)
    {
        double sum = 0;
        foreach (var f in ids) sum += (double)_vocabulary.Idf(f) * _vocabulary.Idf(f);
        return (float)Math.Sqrt(Math.Max(sum, 1e-12));
    }
}
