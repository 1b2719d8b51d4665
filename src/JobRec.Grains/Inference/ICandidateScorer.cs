using JobRec.Contracts.Inference;

namespace JobRec.Grains.Inference;

/// <summary>Scores (user, candidate job) feature rows for re-ranking; implementations are thread-safe for concurrent calls.</summary>
public interface ICandidateScorer
{
    /// <summary>Short name reported by the cluster page ("fm", "linear").</summary>
    string Name { get; }

    /// <summary>Writes one score per candidate, higher is better.</summary>
    void Score(IReadOnlyList<CandidateFeatures> candidates, Span<float> scores);
}
