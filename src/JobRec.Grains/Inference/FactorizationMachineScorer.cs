using JobRec.Contracts.Inference;
using JobRec.ML.Recommenders;

namespace JobRec.Grains.Inference;

/// <summary>Scores candidates with a trained factorization machine; ids unknown at training time use only the content features.</summary>
public sealed class FactorizationMachineScorer : ICandidateScorer
{
    private readonly FactorizationMachineRecommender _model;
    private readonly IReadOnlyDictionary<string, int> _users;
    private readonly IReadOnlyDictionary<string, int> _jobs;

    /// <summary>Wraps a fitted or loaded model together with the dataset whose user and job indices it learned.</summary>
    public FactorizationMachineScorer(FactorizationMachineRecommender model, RecommenderDataset data)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        _ = model.Model; // throws when not fitted
        _model = model;
        _users = data.UserIndex;
        _jobs = data.JobIndex;
    }

    /// <inheritdoc />
    public string Name => _model.Name;

    /// <inheritdoc />
    public void Score(IReadOnlyList<CandidateFeatures> candidates, Span<float> scores)
    {
        var inputs = new FmFeatureInputs[candidates.Count];
        // A batch is runs of one user's candidates: look the user up once per run.
        string? lastUser = null;
        var u = -1;
        for (var i = 0; i < inputs.Length; i++)
        {
            var c = candidates[i];
            if (!ReferenceEquals(c.UserId, lastUser))
            {
                lastUser = c.UserId;
                u = _users.TryGetValue(c.UserId, out var found) ? found : -1;
            }

            inputs[i] = new FmFeatureInputs(
                u,
                _jobs.TryGetValue(c.JobId, out var j) ? j : -1,
                c.RegionMatch, c.HistoryTextSimilarity, c.ProfileTextSimilarity, c.SkillOverlap, c.OnetMatch, c.Popularity, c.Recency);
        }

        _model.ScoreCandidates(inputs, scores[..inputs.Length]);
    }
}
