using JobRec.Contracts.Inference;

namespace JobRec.Grains.Inference;

/// <summary>The explicit fallback while no recommender model is active in the model store: a fixed weighted sum of the dense features.
/// <c>GET /models</c> reports it as "linear (no model trained yet)".</summary>
public sealed class LinearCandidateScorer : ICandidateScorer
{
    /// <inheritdoc />
    public string Name => "linear";

    /// <inheritdoc />
    public void Score(IReadOnlyList<CandidateFeatures> candidates, Span<float> scores)
    {
        for (var i = 0; i < candidates.Count; i++)
        {
            var c = candidates[i];
            scores[i] = (1.0f * c.HistoryTextSimilarity) + (0.8f * c.ProfileTextSimilarity) + (0.5f * c.SkillOverlap)
                + (c.OnetMatch ? 0.15f : 0f) + (c.RegionMatch ? 0.1f : 0f) + (0.2f * c.Popularity) + (0.05f * c.Recency);
        }
    }
}
