using System.Diagnostics;
using JobRec.ML.Recommenders;
using JobRec.ML.Text;

namespace JobRec.Evaluation.Benchmarks;

/// <summary>
/// Measures factorization machine training throughput (BPR examples/s, k factors, all text features with 512-d embeddings)
/// and candidate scoring throughput on a generated market of users, jobs, regions and title texts.
/// </summary>
public static class RecommenderBenchmark
{
    private static readonly string[] Roles =
    [
        "software engineer", "data scientist", "nurse", "cashier", "truck driver", "accountant", "sales associate", "teacher",
        "warehouse associate", "customer service representative", "marketing manager", "electrician", "pharmacist", "chef",
        "security officer", "project manager", "mechanic", "receptionist", "financial analyst", "web developer",
    ];

    private static readonly string[] Modifiers = ["senior", "junior", "part time", "lead", "remote", "night shift", "entry level", "contract", "full time", "assistant"];

    private static readonly string[] Regions = ["CA", "NY", "TX", "FL", "IL", "WA", "GA", "OH", "NC", "MA", "VA", "NJ"];

    /// <summary>Builds a market, trains the FM for <paramref name="epochs"/> epochs with <paramref name="threads"/> threads, then scores candidates.</summary>
    public static RecommenderBenchmarkResult Run(int users, int jobs, int pairsPerUser, int epochs, int threads, int factors, int seed, Action<string>? log = null)
    {
        var clock = Stopwatch.StartNew();
        var data = BuildMarket(users, jobs, pairsPerUser, seed);
        log?.Invoke($"market: {data.UserCount} users, {data.JobCount} jobs, {data.PairCount} pairs ({clock.Elapsed.TotalSeconds:F1}s)");

        var encoder = new HashedTextEncoder(512);
        var fm = new FactorizationMachineRecommender(encoder, new FmTrainingOptions
        {
            Epochs = epochs, Threads = threads, Factors = factors, Seed = seed, NegativesPerPositive = 1,
        });
        fm.Fit(data, new Progress(log));
        double perCpuSecond = fm.ExamplesTrained / Math.Max(1e-9, fm.TrainingCpuSeconds);
        log?.Invoke($"fm: {fm.ExamplesTrained:N0} examples, {fm.ExamplesPerSecond:N0}/s wall with {threads} threads, {perCpuSecond:N0} per CPU second, k={factors}");

        var rng = new Random(seed);
        const int candidates = 500;
        var batch = new int[candidates];
        var scores = new float[candidates];
        var inputs = new FmFeatureInputs[candidates];
        long scored = 0, rawScored = 0;
        double scoreSeconds = 0, rawSeconds = 0, scoreCpuSeconds = 0;
        var process = Process.GetCurrentProcess();
        var timer = new Stopwatch();
        for (int round = 0; round < 400; round++)
        {
            int user = rng.Next(data.UserCount);
            for (int i = 0; i < candidates; i++) batch[i] = rng.Next(data.JobCount);
            process.Refresh();
            var cpu = process.TotalProcessorTime;
            timer.Restart();
            fm.Score(user, batch, scores);
            scoreSeconds += timer.Elapsed.TotalSeconds;
            process.Refresh();
            scoreCpuSeconds += (process.TotalProcessorTime - cpu).TotalSeconds;
            scored += candidates;
            for (int i = 0; i < candidates; i++) inputs[i] = fm.FeatureInputs(user, batch[i]);
            timer.Restart();
            fm.ScoreCandidates(inputs, scores);
            rawSeconds += timer.Elapsed.TotalSeconds;
            rawScored += candidates;
        }
        log?.Invoke($"scoring: {scored / scoreSeconds:N0} candidates/s with features, {rawScored / rawSeconds:N0}/s from feature inputs (one thread)");
        return new RecommenderBenchmarkResult(data.UserCount, data.JobCount, data.PairCount, threads, factors,
            fm.ExamplesPerSecond, scored / scoreSeconds, rawScored / rawSeconds, perCpuSecond, scored / Math.Max(1e-9, scoreCpuSeconds));
    }

    /// <summary>A generated market: each user prefers one role and region and interacts mostly with matching jobs.</summary>
    public static RecommenderDataset BuildMarket(int users, int jobs, int pairsPerUser, int seed)
    {
        var rng = new Random(seed);
        var builder = new RecommenderDatasetBuilder();
        var jobRole = new int[jobs];
        var jobRegion = new int[jobs];
        var byRoleRegion = new Dictionary<(int, int), List<int>>();
        for (int j = 0; j < jobs; j++)
        {
            jobRole[j] = rng.Next(Roles.Length);
            jobRegion[j] = rng.Next(Regions.Length);
            string title = $"{Modifiers[rng.Next(Modifiers.Length)]} {Roles[jobRole[j]]}";
            builder.AddJob($"j{j}", new JobContent($"{title}. Company {rng.Next(500)}. City {rng.Next(200)}, {Regions[jobRegion[j]]}", Regions[jobRegion[j]]));
            (byRoleRegion.TryGetValue((jobRole[j], jobRegion[j]), out var list) ? list : byRoleRegion[(jobRole[j], jobRegion[j])] = []).Add(j);
        }
        var start = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (int u = 0; u < users; u++)
        {
            int role = rng.Next(Roles.Length), region = rng.Next(Regions.Length);
            builder.AddUser($"u{u}", new UserContent($"{Modifiers[rng.Next(Modifiers.Length)]} {Roles[role]} with {rng.Next(1, 20)} years", Regions[region]));
            var preferred = byRoleRegion.GetValueOrDefault((role, region));
            for (int p = 0; p < pairsPerUser; p++)
            {
                int job = preferred is { Count: > 0 } && rng.NextDouble() < 0.7 ? preferred[rng.Next(preferred.Count)] : rng.Next(jobs);
                builder.AddInteraction($"u{u}", $"j{job}", start.AddMinutes(rng.Next(60 * 24 * 90)));
            }
        }
        return builder.Build();
    }

    private sealed class Progress(Action<string>? log) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => log?.Invoke($"  [{value.Model}] {value.Stage} {value.Elapsed.TotalSeconds:F1}s {value.Detail}");
    }
}
