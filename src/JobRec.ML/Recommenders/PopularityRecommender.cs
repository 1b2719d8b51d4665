namespace JobRec.ML.Recommenders;

/// <summary>Baseline: ranks jobs by how many distinct training users interacted with them.</summary>
public sealed class PopularityRecommender : Recommender
{
    private float[] _counts = [];

    /// <inheritdoc />
    public override string Name => "popularity";

    /// <summary>Distinct-user count of each job after Fit.</summary>
    public ReadOnlySpan<float> Counts => _counts;

    /// <inheritdoc />
    protected override void FitCore(RecommenderDataset data, IProgress<TrainingProgress>? progress)
    {
        _counts = new float[data.JobCount];
        for (int j = 0; j < data.JobCount; j++) _counts[j] = data.UsersOf(j).Length;
    }

    /// <inheritdoc />
    public override void ScoreAll(int user, Span<float> scores) => _counts.CopyTo(scores);

    /// <inheritdoc />
    public override void Save(BinaryWriter writer) => ModelIO.WriteFloats(writer, _counts);

    internal static PopularityRecommender Load(BinaryReader reader) => new() { _counts = ModelIO.ReadFloats(reader) };
}
