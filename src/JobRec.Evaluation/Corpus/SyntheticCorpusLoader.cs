using JobRec.Data.Synthetic;
using JobRec.Evaluation.Splits;

namespace JobRec.Evaluation.Corpus;

/// <summary>Builds an evaluation split from the synthetic market: its train period trains, its future period is the ground truth.</summary>
public static class SyntheticCorpusLoader
{
    /// <summary>Generates the market and returns the given-test split (train period vs future period, catalog = all jobs and users).</summary>
    public static EvaluationSplit Split(SyntheticMarketOptions options)
    {
        var market = SyntheticMarket.Generate(options);
        var jobs = market.Jobs().ToList();
        var users = market.Users().ToList();
        var train = new InteractionCorpus(jobs, users, market.TrainInteractions()) { Description = $"synthetic market ({options.Users} users, {options.Jobs} jobs, seed {options.Seed}) train period" };
        var future = new InteractionCorpus([], [], market.FutureInteractions()) { Description = "future period" };
        return GivenTestSplitter.Split(train, future) with { Name = "synthetic-future" };
    }
}
