using JobRec.Contracts.Inference;
using JobRec.ML.Models;
using JobRec.ML.Recommenders;

namespace JobRec.Grains.Inference;

/// <summary>Scores candidates with a trained factorization machine; ids unknown at training time use only the dense features.</summary>
public sealed class FactorizationMachineScorer : ICandidateScorer
{
    private readonly ServedFactorizationMachine _model;

    /// <summary>Wraps a model loaded from the model store.</summary>
    public FactorizationMachineScorer(ServedFactorizationMachine model) => _model = model ?? throw new ArgumentNullException(nameof(model));

    /// <summary>Wraps a fitted model together with the dataset whose user and job indices it learned.</summary>
    public FactorizationMachineScorer(FactorizationMachineRecommender model, RecommenderDataset data)
        : this(ServedFactorizationMachine.From(model, data))
    {
    }

    /// <inheritdoc />
    public string Name => _model.Kind;

    /// <summary>The title/city featurizer the pipeline must fill <see cref="CandidateFeatures.CityMatch"/> and the three after it with; null when
    /// the model does not use them.</summary>
    public TitleCityFeaturizer? TitleCity => _model.TitleCity;

    /// <inheritdoc />
    public void Score(IReadOnlyList<CandidateFeatures> candidates, Span<float> scores)
    {
        var inputs = new FmFeatureInputs[candidates.Count];
        var titleCity = _model.TitleCity is not null;
        // A batch is runs of one user's candidates: look the user up once per run.
        string? lastUser = null;
        var u = -1;
        for (var i = 0; i < inputs.Length; i++)
        {
            var c = candidates[i];
            if (!ReferenceEquals(c.UserId, lastUser))
            {
                lastUser = c.UserId;
                u = _model.UserIndex(c.UserId);
            }

            inputs[i] = new FmFeatureInputs(
                u, _model.JobIndex(c.JobId),
                c.RegionMatch, c.HistoryTextSimilarity, c.ProfileTextSimilarity, c.SkillOverlap, c.OnetMatch, c.Popularity, c.Recency)
            {
                // Left 0 for a model trained without them (its weights for those slots are untrained).
                CityMatch = titleCity ? c.CityMatch : 0,
                TitleHistorySimilarity = titleCity ? c.TitleHistorySimilarity : 0,
                TitleProfileSimilarity = titleCity ? c.TitleProfileSimilarity : 0,
                ProfileCityMatch = titleCity && c.ProfileCityMatch,
            };
        }

        _model.Score(inputs, scores[..inputs.Length]);
    }
}
