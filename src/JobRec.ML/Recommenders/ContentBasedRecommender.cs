using System.Numerics.Tensors;
using JobRec.ML.Text;

namespace JobRec.ML.Recommenders;

/// <summary>
/// Content-based recommender: the user's query vector is their recency-weighted history of job embeddings plus
/// their profile/resume embedding; jobs are ranked by inner product with it through an <see cref="IJobVectorSearch"/>.
/// </summary>
public sealed class ContentBasedRecommender : Recommender
{
    private readonly ITextEncoder? _encoder;
    private readonly IJobVectorSearch _search;
    private float[] _jobVectors = [];
    private float[] _profileVectors = [];
    private int _dimension;

    /// <summary>Creates the recommender; <paramref name="search"/> defaults to exact search.</summary>
    /// <param name="encoder">Encodes job texts and profile texts.</param>
    /// <param name="search">Where job vectors are searched (a vector index), or null for exact search.</param>
    /// <param name="historyDecay">Weight factor per step back in the user's history (1 = all equal).</param>
    /// <param name="profileWeight">Weight of the profile embedding against the history embedding.</param>
    public ContentBasedRecommender(ITextEncoder encoder, IJobVectorSearch? search = null, float historyDecay = 0.7f, float profileWeight = 0.5f)
        : this(search, historyDecay, profileWeight)
        => _encoder = encoder ?? throw new ArgumentNullException(nameof(encoder));

    private ContentBasedRecommender(IJobVectorSearch? search, float historyDecay, float profileWeight)
    {
        _search = search ?? new ExactJobVectorSearch();
        HistoryDecay = historyDecay;
        ProfileWeight = profileWeight;
    }

    /// <inheritdoc />
    public override string Name => "content";

    /// <summary>Weight factor per step back in the user's history.</summary>
    public float HistoryDecay { get; }

    /// <summary>Weight of the profile embedding against the history embedding.</summary>
    public float ProfileWeight { get; }

    /// <summary>Embedding of every job (row-major, job count x dimension) after Fit.</summary>
    public ReadOnlySpan<float> JobVectors => _jobVectors;

    /// <summary>Embedding of every user's profile text (zero rows when empty) after Fit.</summary>
    public ReadOnlySpan<float> ProfileVectors => _profileVectors;

    /// <summary>Length of the embeddings.</summary>
    public int Dimension => _dimension;

    /// <inheritdoc />
    protected override void FitCore(RecommenderDataset data, IProgress<TrainingProgress>? progress)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var encoder = _encoder ?? throw new InvalidOperationException("a loaded content model cannot be refitted: it has no encoder");
        _dimension = encoder.Dimension;
        Report(progress, "encoding jobs", 0, clock, $"{data.JobCount} jobs");
        _jobVectors = EncodeInBatches(encoder, data.Jobs.Select(j => j.Text).ToList());
        Report(progress, "encoding profiles", 0.5, clock, $"{data.UserCount} users");
        _profileVectors = EncodeInBatches(encoder, data.Users.Select(u => u.ProfileText).ToList());
        _search.Build(_jobVectors, data.JobCount, _dimension);
        Report(progress, "indexed", 1, clock, $"{data.JobCount} x {_dimension}");
    }

    private static float[] EncodeInBatches(ITextEncoder encoder, List<string> texts)
    {
        const int batch = 256;
        var result = new float[texts.Count * encoder.Dimension];
        for (int start = 0; start < texts.Count; start += batch)
        {
            var part = texts.GetRange(start, Math.Min(batch, texts.Count - start));
            encoder.Encode(part).CopyTo(result, start * encoder.Dimension);
        }
        return result;
    }

    /// <summary>The user's L2-normalised query vector (zero when nothing is known about the user).</summary>
    public float[] QueryVector(int user)
    {
        CheckUser(user);
        var query = new float[_dimension];
        var jobs = Data.JobsOf(user);
        float weight = 1f;
        for (int i = jobs.Length - 1; i >= 0; i--, weight *= HistoryDecay)
            TensorPrimitives.MultiplyAdd(_jobVectors.AsSpan(jobs[i] * _dimension, _dimension), weight, query, query);
        float norm = TensorPrimitives.Norm(query);
        if (norm > 0) TensorPrimitives.Divide(query, norm, query);
        var profile = _profileVectors.AsSpan(user * _dimension, _dimension);
        float profileWeight = jobs.IsEmpty ? 1f : ProfileWeight;
        TensorPrimitives.MultiplyAdd(profile, profileWeight, query, query);
        norm = TensorPrimitives.Norm(query);
        if (norm > 0) TensorPrimitives.Divide(query, norm, query);
        return query;
    }

    /// <inheritdoc />
    public override void ScoreAll(int user, Span<float> scores)
    {
        var query = QueryVector(user);
        for (int j = 0; j < scores.Length; j++) scores[j] = TensorPrimitives.Dot(query, _jobVectors.AsSpan(j * _dimension, _dimension));
    }

    /// <inheritdoc />
    public override int[] Recommend(int user, int k, IReadOnlySet<int>? exclude = null)
    {
        var query = QueryVector(user);
        int want = k + (exclude?.Count ?? 0);
        var (jobs, _) = _search.Search(query, want);
        var result = new List<int>(k);
        foreach (int j in jobs)
        {
            if (j < 0 || exclude?.Contains(j) == true) continue;
            result.Add(j);
            if (result.Count == k) break;
        }
        return [.. result];
    }

    /// <inheritdoc />
    public override void Save(BinaryWriter writer)
    {
        writer.Write(HistoryDecay);
        writer.Write(ProfileWeight);
        writer.Write(_dimension);
        ModelIO.WriteFloats(writer, _jobVectors);
        ModelIO.WriteFloats(writer, _profileVectors);
    }

    internal static ContentBasedRecommender Load(BinaryReader reader, IJobVectorSearch? search)
    {
        var model = new ContentBasedRecommender(search, reader.ReadSingle(), reader.ReadSingle()) { _dimension = reader.ReadInt32() };
        model._jobVectors = ModelIO.ReadFloats(reader);
        model._profileVectors = ModelIO.ReadFloats(reader);
        model._search.Build(model._jobVectors, model._jobVectors.Length / Math.Max(1, model._dimension), model._dimension);
        return model;
    }
}
