namespace JobRec.ML.Recommenders;

/// <summary>Baseline: jobs in the user's region by popularity first, then all other jobs by popularity.</summary>
public sealed class RegionalPopularityRecommender : Recommender
{
    private float[] _counts = [];

    /// <inheritdoc />
    public override string Name => "popularity-region";

    /// <inheritdoc />
    protected override void FitCore(RecommenderDataset data, IProgress<TrainingProgress>? progress)
    {
        _counts = new float[data.JobCount];
        for (int j = 0; j < data.JobCount; j++) _counts[j] = data.UsersOf(j).Length;
    }

    /// <inheritdoc />
    public override void ScoreAll(int user, Span<float> scores)
    {
        CheckUser(user);
        string region = UserRegionResolver.Resolve(Data, user);
        float boost = 1f + (_counts.Length == 0 ? 0 : System.Numerics.Tensors.TensorPrimitives.Max(_counts)); // any in-region job outranks every other job
        for (int j = 0; j < scores.Length; j++)
            scores[j] = _counts[j] + (region.Length > 0 && Data.Jobs[j].Region == region ? boost : 0f);
    }

    /// <inheritdoc />
    public override void Save(BinaryWriter writer) => ModelIO.WriteFloats(writer, _counts);

    internal static RegionalPopularityRecommender Load(BinaryReader reader) => new() { _counts = ModelIO.ReadFloats(reader) };
}
