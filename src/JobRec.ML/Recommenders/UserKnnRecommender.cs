namespace JobRec.ML.Recommenders;

/// <summary>User-based collaborative filtering: jobs of the most similar users (cosine over shared jobs), weighted by similarity.</summary>
public sealed class UserKnnRecommender(int neighbours = 50) : Recommender
{
    /// <inheritdoc />
    public override string Name => "user-knn";

    /// <summary>How many most-similar users vote for jobs.</summary>
    public int Neighbours { get; } = neighbours > 0 ? neighbours : throw new ArgumentOutOfRangeException(nameof(neighbours));

    /// <inheritdoc />
    protected override void FitCore(RecommenderDataset data, IProgress<TrainingProgress>? progress) { }

    /// <inheritdoc />
    public override void ScoreAll(int user, Span<float> scores)
    {
        CheckUser(user);
        scores.Clear();
        var own = Data.JobsOf(user);
        if (own.IsEmpty) return;
        var overlap = new Dictionary<int, int>();
        foreach (int j in own)
            foreach (int v in Data.UsersOf(j))
                if (v != user) overlap[v] = overlap.GetValueOrDefault(v) + 1;
        float ownCount = own.Length;
        var neighbours = overlap
            .Select(kv => (User: kv.Key, Sim: kv.Value / MathF.Sqrt(ownCount * Data.JobsOf(kv.Key).Length)))
            .OrderByDescending(x => x.Sim).ThenBy(x => x.User)
            .Take(Neighbours);
        foreach (var (v, sim) in neighbours)
            foreach (int j in Data.JobsOf(v)) scores[j] += sim;
    }

    /// <inheritdoc />
    public override void Save(BinaryWriter writer) => writer.Write(Neighbours);

    internal static UserKnnRecommender Load(BinaryReader reader) => new(reader.ReadInt32());
}
