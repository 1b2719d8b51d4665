namespace JobRec.ML.Recommenders;

/// <summary>Baseline: a seeded pseudo-random score for every (user, job) pair, stable across calls.</summary>
public sealed class RandomRecommender(int seed = 1) : Recommender
{
    /// <inheritdoc />
    public override string Name => "random";

    /// <summary>The seed that fixes the ranking.</summary>
    public int Seed { get; } = seed;

    /// <inheritdoc />
    protected override void FitCore(RecommenderDataset data, IProgress<TrainingProgress>? progress) { }

    /// <inheritdoc />
    public override void ScoreAll(int user, Span<float> scores)
    {
        CheckUser(user);
        ulong baseHash = Mix(((ulong)(uint)Seed << 32) ^ (uint)user);
        for (int j = 0; j < scores.Length; j++)
            scores[j] = (Mix(baseHash ^ (ulong)j * 0x9E3779B97F4A7C15UL) >> 40) / (float)(1 << 24);
    }

    /// <inheritdoc />
    public override void Save(BinaryWriter writer) => writer.Write(Seed);

    internal static RandomRecommender Load(BinaryReader reader) => new(reader.ReadInt32());

    // SplitMix64 finaliser.
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
