using System.Net.Http.Json;
using System.Text.Json;
using JobRec.Contracts.Operations;
using JobRec.Data.Synthetic;
using JobRec.Evaluation.Corpus;
using JobRec.Evaluation.Runner;
using JobRec.Grains.Hosting;
using JobRec.Grains.Ingest;
using JobRec.ML.Models;
using JobRec.ML.Recommenders;
using JobRec.Silo.Extensions;
using JobRec.Silo.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using JobRec.ML.Text;

namespace JobRec.IntegrationTests.Serving;

/// <summary>An embedded silo serving from a folder model store that it polls every 200 ms: activated versions change the served ranking without
/// a restart, and broken versions are refused while the previous model keeps serving.</summary>
public sealed class ModelLifecycleTests : IAsyncLifetime
{
    private const string User = "syn:u3";
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "jobrec-models-" + Guid.NewGuid().ToString("N"));
    private readonly SyntheticMarket _market = SyntheticMarket.Generate(new SyntheticMarketOptions { Jobs = 200, Users = 40, Seed = 11 });
    private WebApplication _app = null!;
    private HttpClient _http = null!;
    private JobRecOperations _ops = null!;
    private FolderModelStore _store = null!;
    private const int Dimension = 256;

    public async Task InitializeAsync()
    {
        var url = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        _store = new FolderModelStore(Path.Combine(_directory, "models"));
        _app = ServingHost.Build(new ServingHostOptions
        {
            DataDirectory = _directory,
            HttpUrl = url,
            InMemoryState = true,
            Dashboard = false,
            Encoder = new HashedTextEncoder(Dimension),
            Serving = new ServingOptions
            {
                Clock = () => _market.TrainEnd, EncoderName = "hashed", ModelStore = _store, ModelPollInterval = TimeSpan.FromMilliseconds(200),
            },
        });
        await _app.StartAsync();
        _http = new HttpClient { BaseAddress = url };
        _ops = _app.Services.GetRequiredService<JobRecOperations>();
        var sink = new GrainIngestSink(_app.Services.GetRequiredService<IGrainFactory>());
        await sink.UpsertOccupationsAsync(_market.Occupations().ToList());
        await sink.UpsertJobsAsync(_market.Jobs().ToList());
        await sink.UpsertUsersAsync(_market.Users().ToList());
        await sink.AddInteractionsAsync(_market.TrainInteractions().ToList());
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task The_served_ranking_changes_with_the_activated_model_without_a_restart()
    {
        var recommender = await RecommenderInfoAsync();
        Assert.Equal("fallback", recommender.GetProperty("source").GetString());
        Assert.Equal("linear (no model trained yet)", recommender.GetProperty("description").GetString());
        Assert.Contains("no model trained yet", await _http.GetStringAsync("/health"));

        var fallback = (await _ops.RecommendAsync(User, 20)).Jobs.Select(j => j.Job.Id).ToList();
        Assert.True(fallback.Count >= 15, $"only {fallback.Count} recommendations");
        var (a, b) = (fallback[^1], fallback[^3]);

        var v1 = await AddAsync(BoostModel(a));
        await _store.ActivateAsync(ModelNames.Recommender, v1);
        await WaitForVersionAsync(v1);
        var first = (await _ops.RecommendAsync(User, 20)).Jobs;
        Assert.Equal(a, first[0].Job.Id);
        Assert.False(first[0].Score < 5, $"score {first[0].Score} is not the boosted model's");

        var v2 = await AddAsync(BoostModel(b));
        await _store.ActivateAsync(ModelNames.Recommender, v2);
        await WaitForVersionAsync(v2);
        // The user's state did not change: the cached list of the old model must not be served.
        var second = (await _ops.RecommendAsync(User, 20)).Jobs;
        Assert.Equal(b, second[0].Job.Id);

        var info = await RecommenderInfoAsync();
        Assert.Equal("store", info.GetProperty("source").GetString());
        Assert.Equal("fm", info.GetProperty("kind").GetString());
        Assert.Equal(0.5, info.GetProperty("metadata").GetProperty("metrics").GetProperty("map@10").GetDouble());
        var svg = await _http.GetStringAsync("/models/recommender/evaluation.svg");
        Assert.StartsWith("<svg", svg.TrimStart());
        Assert.Contains("popularity-region", svg);
    }

    [Fact]
    public async Task A_skills_model_that_cannot_run_is_refused_with_one_line_and_the_extractor_keeps_serving()
    {
        var before = await SlotAsync(ModelNames.Skills);
        Assert.Equal("dictionary", before.GetProperty("kind").GetString());
        var bad = await _store.AddAsync(new ModelMetadata { Name = ModelNames.Skills, Kind = ModelNames.SkillsKind, TrainingData = "not a tagger" }, [1, 2, 3, 4]);
        await _store.ActivateAsync(ModelNames.Skills, bad.Version);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var info = await SlotAsync(ModelNames.Skills);
            if (info.GetProperty("lastRefusal").GetString() is { } line)
            {
                Assert.StartsWith($"models: refused skills v{bad.Version}:", line);
                Assert.DoesNotContain('\n', line);
                Assert.Equal("dictionary", info.GetProperty("kind").GetString());
                break;
            }

            Assert.True(DateTime.UtcNow < deadline, $"skills v{bad.Version} was not refused: {info}");
            await Task.Delay(100);
        }

        var extracted = await _http.GetStringAsync("/skills/model");
        Assert.Contains("dictionary", extracted);
    }

    /// <summary>Train/serve parity through the silo: a model whose only non-zero parameters are the title and city slots scores every served
    /// candidate exactly as the offline model scores the same (user, job) with training's inputs (FmContext at serving time).</summary>
    [Fact]
    public async Task The_silo_computes_the_title_and_city_inputs_training_computed()
    {
        var data = RecommenderDatasetFactory.Build(SyntheticCorpusLoader.Split(new SyntheticMarketOptions { Jobs = 200, Users = 40, Seed = 11 }));
        var fitted = new FactorizationMachineRecommender(null, new FmTrainingOptions { Factors = 4, Epochs = 1, Threads = 1, Seed = 2 });
        fitted.Fit(data);
        // A user whose whole training history fits the grain's recent jobs (10), with distinct times (the same order on both sides).
        var user = Enumerable.Range(0, data.UserCount).First(u => data.JobsOf(u).Length is >= 3 and <= 10
            && data.TicksOf(u).ToArray().Distinct().Count() == data.JobsOf(u).Length);
        var k = 4;
        var fm = new FactorizationMachine(fitted.Layout.FeatureCount, k, seed: 5, initialScale: 0.5f);
        var dense = fitted.Layout.Users + fitted.Layout.Jobs;
        FmFeature[] kept = [FmFeature.CityMatch, FmFeature.TitleHistorySimilarity, FmFeature.TitleProfileSimilarity, FmFeature.ProfileCityMatch];
        for (var f = 0; f < fm.FeatureCount; f++)
        {
            if (!kept.Any(x => dense + (int)x == f))
            {
                fm.Weights[f] = 0;
                fm.FactorValues.Slice(f * k, k).Clear();
            }
        }

        fm.Weights[dense + (int)FmFeature.CityMatch] = 1.5f;
        fm.Weights[dense + (int)FmFeature.TitleHistorySimilarity] = 2f;
        fm.Weights[dense + (int)FmFeature.TitleProfileSimilarity] = 1f;
        fm.Weights[dense + (int)FmFeature.ProfileCityMatch] = 0.5f;
        var served = ServedFactorizationMachine.Create(fm, false, data.UserIds, data.JobIds, fitted.TitleCity);
        var version = await AddAsync(served);
        await _store.ActivateAsync(ModelNames.Recommender, version);
        await WaitForVersionAsync(version);

        var jobs = (await _ops.RecommendAsync(data.UserIds[user], 20, fresh: true)).Jobs;
        Assert.True(jobs.Count >= 10, $"only {jobs.Count} recommendations");
        var expected = new float[1];
        foreach (var job in jobs)
        {
            served.Score([fitted.FeatureInputs(user, data.JobIndex[job.Job.Id])], expected);
            Assert.True(Math.Abs(expected[0] - job.Score) <= 1e-4f * (1 + Math.Abs(expected[0])),
                $"{data.UserIds[user]} x {job.Job.Id} ({job.Job.Title}, {job.Job.Location}): offline {expected[0]}, served {job.Score}");
        }

        Assert.True(jobs.Select(j => j.Score).Distinct().Count() >= 3, "the title and city inputs should separate the candidates");
        Assert.Contains(jobs, j => j.Score > 0.5f);
    }

    [Fact]
    public async Task A_corrupt_wrong_dimension_or_unknown_format_model_is_refused_and_the_previous_one_keeps_serving()
    {
        var good = (await _ops.RecommendAsync(User, 20)).Jobs.Select(j => j.Job.Id).ToList();
        var target = good[^2];
        var v1 = await AddAsync(BoostModel(target));
        await _store.ActivateAsync(ModelNames.Recommender, v1);
        await WaitForVersionAsync(v1);
        Assert.Equal(target, (await _ops.RecommendAsync(User, 20)).Jobs[0].Job.Id);

        // Corrupt: a valid file with one payload byte flipped.
        var corrupt = await AddAsync(BoostModel(good[0]));
        var path = _store.FileOf(ModelNames.Recommender, corrupt);
        var bytes = await File.ReadAllBytesAsync(path);
        bytes[^40] ^= 0x5A;
        await File.WriteAllBytesAsync(path, bytes);
        await AssertRefusedAsync(corrupt, "corrupt", v1, target);

        // Trained with another encoder dimension.
        var wide = await _store.AddAsync(Metadata() with { EncoderDimension = Dimension * 2 }, BoostModel(good[0]).Save());
        await AssertRefusedAsync(wide.Version, "512-d", v1, target);

        // A payload format this build does not know.
        var future = await _store.AddAsync(Metadata() with { PayloadFormat = 99 }, BoostModel(good[0]).Save());
        await AssertRefusedAsync(future.Version, "payload format 99", v1, target);
    }

    private async Task AssertRefusedAsync(int version, string reason, int serving, string top)
    {
        await _store.ActivateAsync(ModelNames.Recommender, version);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        JsonElement info;
        while (true)
        {
            info = await RecommenderInfoAsync();
            if (info.GetProperty("lastRefusal").GetString() is { } line && line.Contains($"v{version}:", StringComparison.Ordinal))
            {
                Assert.Contains(reason, line);
                Assert.DoesNotContain('\n', line);
                break;
            }

            Assert.True(DateTime.UtcNow < deadline, $"v{version} was not refused: {info}");
            await Task.Delay(100);
        }

        Assert.Equal(serving, info.GetProperty("version").GetInt32());
        Assert.Equal(top, (await _ops.RecommendAsync(User, 20, fresh: true)).Jobs[0].Job.Id);
    }

    /// <summary>A factorization machine that scores one job far above every other (its id weight), nothing else.</summary>
    private ServedFactorizationMachine BoostModel(string jobId)
    {
        var jobs = _market.Jobs().Select(j => j.Id).ToList();
        var users = _market.Users().Select(u => u.Id).ToList();
        var layout = new FmFeatureLayout(users.Count, jobs.Count, useText: true);
        var fm = new FactorizationMachine(layout.FeatureCount, 2, seed: 1, initialScale: 0f);
        fm.Weights[users.Count + jobs.IndexOf(jobId)] = 10f;
        return ServedFactorizationMachine.Create(fm, true, users, jobs);
    }

    private static ModelMetadata Metadata() => new()
    {
        Name = ModelNames.Recommender,
        Kind = "fm",
        PayloadFormat = ServedFactorizationMachine.PayloadFormat,
        TrainingData = "hand-made test model",
        Encoder = "hashed",
        EncoderDimension = Dimension,
        Metrics = new Dictionary<string, double> { ["map@10"] = 0.5 },
        Evaluation =
        [
            new ModelEvaluationRow("fm (this model)", false, new Dictionary<string, double> { ["map@10"] = 0.5 }, [0.4, 0.5]),
            new ModelEvaluationRow("popularity-region", true, new Dictionary<string, double> { ["map@10"] = 0.2 }, [0.1, 0.2]),
        ],
    };

    private async Task<int> AddAsync(ServedFactorizationMachine model) => (await _store.AddAsync(Metadata(), model.Save())).Version;

    private async Task WaitForVersionAsync(int version)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var info = await RecommenderInfoAsync();
            if (info.GetProperty("version").GetInt32() == version)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"the silo did not swap to v{version}: {info}");
            await Task.Delay(100);
        }
    }

    private Task<JsonElement> RecommenderInfoAsync() => SlotAsync(ModelNames.Recommender);

    private async Task<JsonElement> SlotAsync(string name)
    {
        var models = await _http.GetFromJsonAsync<JsonElement>("/models");
        return models.EnumerateArray().Single(m => m.GetProperty("name").GetString() == name);
    }
}
