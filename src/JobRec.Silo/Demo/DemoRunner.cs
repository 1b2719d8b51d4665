using System.Diagnostics;
using System.Text.Json;
using JobRec.Contracts.Operations;
using JobRec.Data.Model;
using JobRec.Evaluation.Runner;
using JobRec.Grains.Hosting;
using JobRec.Grains.Inference;
using JobRec.Grains.Ingest;
using JobRec.ML.Recommenders;
using JobRec.ML.Text;
using JobRec.Silo.Extensions;
using JobRec.Silo.Hosting;
using Orleans;

namespace JobRec.Silo.Demo;

/// <summary>The main job: embedded silo on SQLite, data into grains, train the FM, evaluate what is served (MAP@K table), then serve the API and page.</summary>
public static class DemoRunner
{
    private const string StateFile = "demo-state.json";
    private const string ModelFile = "fm.model";
    private const string OnetModelFileName = "onet.model";

    /// <summary>Runs the demo; returns once evaluated (<see cref="DemoOptions.NoServe"/>) or when <paramref name="cancellationToken"/> stops serving.</summary>
    public static async Task<int> RunAsync(DemoOptions options, TextWriter output, TextWriter log, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        Directory.CreateDirectory(options.DataDirectory);
        var snapshot = options.Data is null
            ? MarketSnapshot.Synthetic(options.Jobs, options.Users, options.Seed)
            : await MarketSnapshot.FromSourceAsync(options.Source ?? throw new ArgumentException("--data needs --source <name>"), options.Data, log, cancellationToken).ConfigureAwait(false);
        log.WriteLine($"[{clock.Elapsed.TotalSeconds,6:F1}s] data: {snapshot.Name}: {snapshot.Jobs.Count} jobs, {snapshot.Users.Count} users, {snapshot.Train.Count} train / {snapshot.Test.Count} held-out interactions");

        ITextEncoder encoder = options.Encoder switch
        {
            "hashed" => HashedEncoderFile.LoadOrCreate(options.DataDirectory, () => snapshot.Jobs.Select(j => j.Title + " " + j.Description)),
            var other => TextEncoderCatalog.Create(other, log: line => log.WriteLine($"[{clock.Elapsed.TotalSeconds,6:F1}s] {line}")),
        };
        var classifier = OnetForDemo.LoadOrTrain(options, Path.Combine(options.DataDirectory, "models", $"{options.Encoder}-{OnetModelFileName}"), encoder, log, clock);
        var app = ServingHost.Build(new ServingHostOptions
        {
            DataDirectory = options.DataDirectory,
            HttpUrl = options.Url,
            ApiKey = options.ApiKey,
            UserTokens = options.UserTokens,
            Encoder = encoder,
            Classifier = classifier,
            Serving = new ServingOptions { Clock = () => snapshot.Clock, ShardIndex = options.ShardIndex, QaCheckpointPath = options.QaCheckpointPath },
        });
        await using var _ = app.ConfigureAwait(false);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var grains = app.Services.GetRequiredService<IGrainFactory>();
        var ops = app.Services.GetRequiredService<JobRecOperations>();
        var models = app.Services.GetRequiredService<InferenceModels>();

        // 1. Import into grains unless a previous run already did for the same data and encoder.
        var fingerprint = $"{snapshot.Name}|{snapshot.Jobs.Count}|{snapshot.Users.Count}|{snapshot.Train.Count}|{options.Encoder}" + (classifier is null ? "" : "|onet");
        var statePath = Path.Combine(options.DataDirectory, StateFile);
        if (File.Exists(statePath) && JsonSerializer.Deserialize<string>(await File.ReadAllTextAsync(statePath, cancellationToken).ConfigureAwait(false)) == fingerprint)
        {
            log.WriteLine($"[{clock.Elapsed.TotalSeconds,6:F1}s] reusing stored grains and index from {Path.GetFullPath(options.DataDirectory)}");
        }
        else
        {
            var sink = new GrainIngestSink(grains);
            await sink.UpsertOccupationsAsync(snapshot.Occupations, cancellationToken).ConfigureAwait(false);
            await InBatchesAsync("jobs", snapshot.Jobs, 1000, b => sink.UpsertJobsAsync(b, cancellationToken).AsTask(), log, clock).ConfigureAwait(false);
            await InBatchesAsync("users", snapshot.Users, 1000, b => sink.UpsertUsersAsync(b, cancellationToken).AsTask(), log, clock).ConfigureAwait(false);
            await InBatchesAsync("interactions", snapshot.Train, 10_000, b => sink.AddInteractionsAsync(b, cancellationToken).AsTask(), log, clock).ConfigureAwait(false);
            await File.WriteAllTextAsync(statePath, JsonSerializer.Serialize(fingerprint), cancellationToken).ConfigureAwait(false);
        }

        // 2. Train (or load) the factorization machine and put it behind the inference pool.
        var dataset = BuildDataset(snapshot);
        var modelPath = Path.Combine(options.DataDirectory, "models", $"{options.Encoder}-{ModelFile}");
        FactorizationMachineRecommender fm;
        if (File.Exists(modelPath) && File.Exists(statePath))
        {
            await using var stream = File.OpenRead(modelPath);
            fm = (FactorizationMachineRecommender)RecommenderStore.Load(stream, dataset);
            log.WriteLine($"[{clock.Elapsed.TotalSeconds,6:F1}s] loaded factorization machine from {modelPath}");
        }
        else
        {
            fm = new FactorizationMachineRecommender(encoder, new FmTrainingOptions { Epochs = options.FmEpochs });
            fm.Fit(dataset);
            Directory.CreateDirectory(Path.GetDirectoryName(modelPath)!);
            await using var stream = File.Create(modelPath);
            RecommenderStore.Save(fm, dataset, stream);
            log.WriteLine($"[{clock.Elapsed.TotalSeconds,6:F1}s] trained factorization machine ({fm.ExamplesTrained} examples, {fm.ExamplesPerSecond:F0}/s), saved {modelPath}");
        }

        models.Scorer = new FactorizationMachineScorer(fm, dataset);

        // 3. Evaluate what the grains serve.
        var rows = await ServedRecommenderEvaluation.RunAsync(ops, snapshot, [5, 10, 20], options.EvaluationUsers, cancellationToken).ConfigureAwait(false);
        output.WriteLine(ServedRecommenderEvaluation.Markdown(rows));
        log.WriteLine($"[{clock.Elapsed.TotalSeconds,6:F1}s] evaluated {rows[0].Users} users on held-out interactions");
        if (options.NoServe)
        {
            await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
            return 0;
        }

        // 4. Serve until stopped.
        output.WriteLine($"serving the API and page on {options.Url} (OpenAPI at {new Uri(options.Url, "/openapi/v1.json")}); Ctrl+C stops");
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C
        }

        await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        return 0;
    }

    /// <summary>The recommender dataset of the snapshot's jobs, users and train interactions.</summary>
    public static RecommenderDataset BuildDataset(MarketSnapshot snapshot)
    {
        var builder = new RecommenderDatasetBuilder();
        foreach (var j in snapshot.Jobs)
        {
            builder.AddJob(j.Id, RecommenderDatasetFactory.JobContentOf(j));
        }

        foreach (var u in snapshot.Users)
        {
            builder.AddUser(u.Id, RecommenderDatasetFactory.UserContentOf(u));
        }

        var users = snapshot.Users.Select(u => u.Id).ToHashSet();
        var jobs = snapshot.Jobs.Select(j => j.Id).ToHashSet();
        foreach (var i in snapshot.Train.Where(i => users.Contains(i.UserId) && jobs.Contains(i.JobId)))
        {
            builder.AddInteraction(i.UserId, i.JobId, i.Time, RecommenderDatasetFactory.WeightOf(i.Kind));
        }

        return builder.Build();
    }

    private static async Task InBatchesAsync<T>(string what, IReadOnlyList<T> items, int size, Func<IReadOnlyList<T>, Task<int>> write, TextWriter log, Stopwatch clock)
    {
        var done = 0;
        foreach (var batch in items.Chunk(size))
        {
            await write(batch).ConfigureAwait(false);
            done += batch.Length;
            log.Write($"\r[{clock.Elapsed.TotalSeconds,6:F1}s] importing {what}: {done}/{items.Count}   ");
        }

        log.WriteLine();
    }
}
