namespace JobRec.ML.Recommenders;

/// <summary>A job recommender: learns from a <see cref="RecommenderDataset"/>, scores jobs for a user, ranks top-K, saves itself.</summary>
public interface IRecommender
{
    /// <summary>Short stable name used in reports and model files ("popularity", "fm", ...).</summary>
    string Name { get; }

    /// <summary>Learns from the dataset's training interactions and content; later calls use its user and job indices.</summary>
    void Fit(RecommenderDataset data, IProgress<TrainingProgress>? progress = null);

    /// <summary>Writes a score for every catalog job into <paramref name="scores"/> (length = job count); higher is better.</summary>
    /// <exception cref="InvalidOperationException">The model has not been fitted or loaded.</exception>
    void ScoreAll(int user, Span<float> scores);

    /// <summary>Scores a batch of candidate jobs for one user: scores[i] belongs to jobs[i].</summary>
    void Score(int user, ReadOnlySpan<int> jobs, Span<float> scores);

    /// <summary>The top <paramref name="k"/> jobs for the user, best first, never one in <paramref name="exclude"/>.</summary>
    int[] Recommend(int user, int k, IReadOnlySet<int>? exclude = null);

    /// <summary>Writes what the model learned (not the dataset) so that <see cref="RecommenderStore.Load"/> can restore it.</summary>
    void Save(BinaryWriter writer);
}
