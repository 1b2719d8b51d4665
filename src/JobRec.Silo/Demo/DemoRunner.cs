using System.Diagnostics;
using System.Text.Json;
using JobRec.Contracts.Operations;
using JobRec.Data.Model;
using JobRec.Evaluation.Corpus;
using JobRec.Evaluation.Runner;
using JobRec.Evaluation.Splits;
using JobRec.Evaluation.Training;
using JobRec.ML.Models;
using JobRec.Grains.Hosting;
using JobRec.Grains.Inference;
using JobRec.Grains.Ingest;
using JobRec.ML.Recommenders;
using JobRec.ML.Text;
using JobRec.Silo.Extensions;
using JobRec.Silo.Hosting;
using Orleans;

namespace JobRec.Silo.Demo;

/// <summary>The main job: embedded silo on SQLite, data into grains, train the FM into the model store (the silo loads it from there), evaluate
/// what is served next to the baselines (MAP@K table, strongest baseline named), then serve the API and page.</summary>
public static class DemoRunner
{
    private const string StateFile = "demo-state.json";
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
            Serving = new ServingOptions
            {
                Clock = () => snapshot.Clock, ShardIndex = options.ShardIndex, QaCheckpointPath = options.QaCheckpointPath, EncoderName = options.Encoder,
                ModelLog = line => log.WriteLine($"[{clock.Elapsed.TotalSeconds,6:F1}s] {line}"),
            },
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

        // 2. Train the factorization machine (or reuse the active one trained on the same data) into the silo's model store and activate it:
        //    the silo's model refresher serves it, as it would serve a model from `jobrec train recommender`.
        var store = app.Services.GetRequiredService<ServingOptions>().ModelStore ?? throw new InvalidOperationException("the demo silo has no model store");
        var refresher = app.Services.GetRequiredService<ModelRefresher>();
        var ks = new[] { 5, 10, 20 };
        var trainingData = $"demo {fingerprint}";
        var activeVersions = await store.ActiveVersionsAsync(cancellationToken).ConfigureAwait(false);
        ModelMetadata? active = null;
        if (activeVersions.TryGetValue(ModelNames.Recommender, out var activeVersion))
        {
            active = (await store.ListAsync(ModelNames.Recommender, cancellationToken).ConfigureAwait(false)).FirstOrDefault(m => m.Version == activeVersion);
        }

        if (active is not null && File.Exists(statePath) && active.TrainingData.StartsWith(trainingData + ";", StringComparison.Ordinal))
        {
            log.WriteLine($"[{clock.Elapsed.TotalSeconds,6:F1}s] loaded factorization machine {ModelNames.Recommender} v{active.Version} from {store.Description}");
        }
        else
        {
            var split = EvaluationSplitOf(snapshot, options.EvaluationUsers);
            var trained = RecommenderTraining.Train(split, encoder, options.Encoder, trainingData, options.FmEpochs, log: null, ks: ks);
            active = await store.AddAsync(trained.Metadata, trained.Payload, cancellationToken).ConfigureAwait(false);
            await store.ActivateAsync(active.Name, active.Version, cancellationToken).ConfigureAwait(false);
            log.WriteLine($"[{clock.Elapsed.TotalSeconds,6:F1}s] trained factorization machine ({trained.Evaluation.TrainPairs} pairs) and the baselines; stored {active.Name} v{active.Version} in {store.Description}");
        }

        await refresher.RefreshAsync(cancellationToken).ConfigureAwait(false);
        var served = models.ServedModel(ModelNames.Recommender);
        if (served?.Version != active.Version)
        {
            throw new InvalidDataException($"the silo did not load {active.Name} v{active.Version}: {served?.LastRefusal ?? "no reason given"}");
        }

        // 3. Evaluate what the grains serve, next to the baselines fitted on the same training interactions and judged on the same users.
        var rows = await ServedRecommenderEvaluation.RunAsync(ops, snapshot, ks, options.EvaluationUsers, cancellationToken).ConfigureAwait(false);
        rows = [rows[0], .. ServedRecommenderEvaluation.RowsOf(active.Evaluation, rows[0].Users, ks), .. rows.Skip(1).Where(r => active.Evaluation.All(e => e.Model != r.Model))];
        output.WriteLine(ServedRecommenderEvaluation.Markdown(rows));
        output.WriteLine(ServedRecommenderEvaluation.StrongestBaselineLine(rows, active.Evaluation));
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

    /// <summary>The snapshot as an evaluation split: train interactions train, the held-out ones of known users and jobs are the truth; the first
    /// <paramref name="maxUsers"/> test users by id (the users <see cref="ServedRecommenderEvaluation"/> asks the grains about).</summary>
    public static EvaluationSplit EvaluationSplitOf(MarketSnapshot snapshot, int maxUsers)
    {
        var jobs = snapshot.Jobs.Select(j => j.Id).ToHashSet();
        var users = snapshot.Users.Select(u => u.Id).ToHashSet();
        var train = new InteractionCorpus(snapshot.Jobs, snapshot.Users, snapshot.Train.Where(i => users.Contains(i.UserId) && jobs.Contains(i.JobId)))
        {
            Description = snapshot.Name,
        };
        var test = new InteractionCorpus([], [], snapshot.Test.Where(i => users.Contains(i.UserId) && jobs.Contains(i.JobId))) { Description = "held out" };
        var split = GivenTestSplitter.Split(train, test);
        return split with { Tests = [.. split.Tests.Take(maxUsers)] };
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
