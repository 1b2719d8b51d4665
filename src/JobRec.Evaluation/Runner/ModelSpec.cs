using JobRec.ML.Recommenders;

namespace JobRec.Evaluation.Runner;

/// <summary>A model to evaluate: its name, whether it is a baseline, and how to create a fresh, unfitted instance.</summary>
/// <param name="Name">Name in reports.</param>
/// <param name="IsBaseline">True for the baselines the targets compare against.</param>
/// <param name="Create">Creates the recommender.</param>
public sealed record ModelSpec(string Name, bool IsBaseline, Func<IRecommender> Create);
