namespace JobRec.ML.Recommenders;

/// <summary>Base of the recommenders: ranking by dense catalog scores, candidate scoring by gathering them, fit bookkeeping.</summary>
public abstract class Recommender : IRecommender
{
    private RecommenderDataset? _data;

    /// <inheritdoc />
    public abstract string Name { get; }

    /// <summary>The dataset the model was fitted on or loaded against.</summary>
    /// <exception cref="InvalidOperationException">Neither Fit nor Load has run.</exception>
    protected RecommenderDataset Data => _data ?? throw new InvalidOperationException($"recommender '{Name}' is used before Fit or Load");

    /// <inheritdoc />
    public void Fit(RecommenderDataset data, IProgress<TrainingProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        _data = data;
        FitCore(data, progress);
    }

    /// <summary>Binds a loaded model to its dataset without training.</summary>
    internal void Attach(RecommenderDataset data) => _data = data;

    /// <summary>Learns the model's parameters.</summary>
    protected abstract void FitCore(RecommenderDataset data, IProgress<TrainingProgress>? progress);

    /// <inheritdoc />
    public abstract void ScoreAll(int user, Span<float> scores);

    /// <inheritdoc />
    public virtual void Score(int user, ReadOnlySpan<int> jobs, Span<float> scores)
    {
        if (scores.Length < jobs.Length) throw new ArgumentException($"scores has {scores.Length} slots for {jobs.Length} jobs", nameof(scores));
        var all = new float[Data.JobCount];
        ScoreAll(user, all);
        for (int i = 0; i < jobs.Length; i++) scores[i] = all[jobs[i]];
    }

    /// <inheritdoc />
    public virtual int[] Recommend(int user, int k, IReadOnlySet<int>? exclude = null)
    {
        CheckUser(user);
        var all = new float[Data.JobCount];
        ScoreAll(user, all);
        return TopKSelector.Select(all, k, exclude);
    }

    /// <inheritdoc />
    public abstract void Save(BinaryWriter writer);

    /// <summary>Throws when the user index is outside the catalog.</summary>
    protected void CheckUser(int user)
    {
        if ((uint)user >= (uint)Data.UserCount)
            throw new ArgumentOutOfRangeException(nameof(user), user, $"user index outside 0..{Data.UserCount - 1}");
    }

    /// <summary>Reports progress when a sink is given.</summary>
    protected void Report(IProgress<TrainingProgress>? progress, string stage, double fraction, System.Diagnostics.Stopwatch clock, string detail = "")
        => progress?.Report(new TrainingProgress(Name, stage, fraction, clock.Elapsed, detail));
}
