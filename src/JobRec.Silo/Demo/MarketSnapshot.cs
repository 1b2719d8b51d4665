using JobRec.Data.Import;
using JobRec.Data.Model;
using JobRec.Data.Synthetic;

namespace JobRec.Silo.Demo;

/// <summary>Everything the demo loads: jobs, users, occupations, interactions split in time into train (served) and test (held out), and the serving clock.</summary>
/// <param name="Name">What the data is ("synthetic 20000 jobs/5000 users seed 42", "linkedin2024 /data").</param>
/// <param name="Jobs">Job postings.</param>
/// <param name="Users">User profiles.</param>
/// <param name="Occupations">O*NET occupations.</param>
/// <param name="Train">Interactions before the cut: imported into the grains.</param>
/// <param name="Test">Interactions after the cut: held out for evaluation.</param>
/// <param name="Clock">The serving time (the cut): jobs closed before it are not recommended.</param>
public sealed record MarketSnapshot(string Name, IReadOnlyList<JobPosting> Jobs, IReadOnlyList<UserProfile> Users, IReadOnlyList<Occupation> Occupations,
    IReadOnlyList<Interaction> Train, IReadOnlyList<Interaction> Test, DateTimeOffset Clock)
{
    /// <summary>The synthetic market of the given size: train interactions up to its train end, the following days held out.</summary>
    public static MarketSnapshot Synthetic(int jobs, int users, ulong seed)
    {
        var market = SyntheticMarket.Generate(new SyntheticMarketOptions { Jobs = jobs, Users = users, Seed = seed });
        return new MarketSnapshot($"synthetic {jobs} jobs/{users} users seed {seed}", market.Jobs().ToList(), market.Users().ToList(),
            market.Occupations().ToList(), market.TrainInteractions().ToList(), market.FutureInteractions().ToList(), market.TrainEnd);
    }

    /// <summary>Reads a source from files (bad rows reported by the reader); the last 20% of interactions in time are held out.</summary>
    public static async Task<MarketSnapshot> FromSourceAsync(string source, string directory, TextWriter log, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(directory) && !File.Exists(directory))
        {
            throw new DirectoryNotFoundException($"--data '{directory}' does not exist");
        }

        var memory = new InMemoryIngestSink();
        var report = await IngestPipeline.RunAsync(DataSources.Create(source, [directory]), memory, new IngestOptions(), cancellationToken).ConfigureAwait(false);
        log.WriteLine($"read {source} from {directory}: {report}");
        var ordered = memory.Interactions.OrderBy(i => i.Time).ToList();
        var cut = ordered.Count == 0 ? DateTimeOffset.UtcNow : ordered[(int)(ordered.Count * 0.8)].Time;
        return new MarketSnapshot($"{source} {directory}", memory.Jobs.Values.ToList(), memory.Users.Values.ToList(), memory.Occupations.Values.ToList(),
            ordered.Where(i => i.Time < cut).ToList(), ordered.Where(i => i.Time >= cut).ToList(), cut);
    }
}
