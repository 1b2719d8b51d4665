using JobRec.Contracts;
using JobRec.Contracts.Indexing;
using JobRec.Contracts.Interactions;
using JobRec.Contracts.Jobs;
using JobRec.Contracts.Operations;
using JobRec.Contracts.Search;
using JobRec.Contracts.Users;
using JobRec.Data.Synthetic;

namespace JobRec.Grains.Tests.Serving;

public sealed class ServingGrainTests : IAsyncLifetime
{
    private ServingCluster _serving = null!;

    private JobRecOperations Ops => new(_serving.GrainFactory);

    public async Task InitializeAsync() => _serving = await ServingCluster.StartAsync();

    public async Task DisposeAsync() => await _serving.DisposeAsync();

    [Fact]
    public async Task Imported_jobs_are_indexed_across_shards_with_counters_and_occupation_titles()
    {
        var shards = await Ops.ShardStatusAsync();
        Assert.Equal(4, shards.Count); // discovered from shard 0: the silo runs 4
        Assert.Equal(300, shards.Sum(s => s.Jobs));
        Assert.All(shards, s => Assert.True(s.Jobs > 0, $"shard {s.Shard} is empty"));

        var job = await Ops.GetJobAsync(SyntheticMarket.JobId(0));
        Assert.NotNull(job);
        Assert.False(string.IsNullOrEmpty(job.OnetCode));
        Assert.False(string.IsNullOrEmpty(job.OnetTitle));
        var interacted = _serving.Market.TrainInteractions().GroupBy(i => i.JobId).OrderByDescending(g => g.Count()).First();
        var counted = await Ops.GetJobAsync(interacted.Key);
        Assert.Equal(interacted.Count(), counted!.Views + counted.Saves + counted.Applies);
    }

    [Fact]
    public async Task Recommendations_exclude_seen_jobs_explain_themselves_and_change_after_an_interaction()
    {
        var userId = SyntheticMarket.UserId(3);
        var seen = _serving.Market.TrainInteractions().Where(i => i.UserId == userId).Select(i => i.JobId).ToHashSet();

        var first = await Ops.RecommendAsync(userId, 10, explain: true);
        Assert.Equal(10, first.Jobs.Count);
        Assert.False(first.FromCache);
        Assert.DoesNotContain(first.Jobs, j => seen.Contains(j.Job.Id));
        Assert.Equal(first.Jobs.Select(j => j.Score).OrderByDescending(s => s), first.Jobs.Select(j => j.Score));
        Assert.Contains(first.Jobs, j => j.Reasons.Count > 0);
        Assert.All(first.Jobs, j => Assert.NotEmpty(j.Sources));

        var cached = await Ops.RecommendAsync(userId, 5, explain: true);
        Assert.True(cached.FromCache);
        Assert.Equal(first.Jobs.Take(5).Select(j => j.Job.Id), cached.Jobs.Select(j => j.Job.Id));

        var applied = first.Jobs[0].Job.Id;
        await Ops.RecordInteractionAsync(userId, new InteractionInput(applied, InteractionKind.Apply));

        var after = await Ops.RecommendAsync(userId, 10, explain: true);
        Assert.False(after.FromCache);
        Assert.DoesNotContain(after.Jobs, j => j.Job.Id == applied);
        Assert.Contains(after.Jobs, j => j.Reasons.Any(r => r.Contains("you applied to", StringComparison.Ordinal)));
        var job = await Ops.GetJobAsync(applied);
        Assert.True(job!.Applies >= 1);
    }

    [Fact]
    public async Task Search_finds_the_job_by_its_own_text_and_respects_filters()
    {
        var target = OpenJob(42);
        var hits = await Ops.SearchAsync(new SearchRequest(target.Title + " " + string.Join(" ", target.Skills), 10));
        Assert.Contains(hits.Hits, h => h.Job.Id == target.Id);

        var region = target.Region;
        var filtered = await Ops.SearchAsync(new SearchRequest(target.Title, 20, new SearchFilters { Region = region }));
        Assert.NotEmpty(filtered.Hits);
        Assert.All(filtered.Hits, h => Assert.Equal(region, h.Job.Region, ignoreCase: true));

        var remote = await Ops.SearchAsync(new SearchRequest(target.Title, 20, new SearchFilters { RemoteOnly = true }));
        Assert.All(remote.Hits, h => Assert.True(h.Job.Remote));

        var similar = await Ops.SimilarJobsAsync(target.Id, 5);
        Assert.Equal(5, similar.Hits.Count);
        Assert.DoesNotContain(similar.Hits, h => h.Job.Id == target.Id);
    }

    private Data.Model.JobPosting OpenJob(int from) =>
        Enumerable.Range(from, 300 - from).Select(_serving.Market.Job).First(j => j.ClosesAt is null || j.ClosesAt > _serving.Market.TrainEnd);

    [Fact]
    public async Task Closed_jobs_leave_search_and_recommendations()
    {
        var target = OpenJob(7);
        Assert.True(await Ops.CloseJobAsync(target.Id));
        var hits = await Ops.SearchAsync(new SearchRequest(target.Title + " " + string.Join(" ", target.Skills), 50));
        Assert.DoesNotContain(hits.Hits, h => h.Job.Id == target.Id);
        Assert.True((await Ops.GetJobAsync(target.Id))!.Closed);
        Assert.False(await Ops.CloseJobAsync("syn:no-such-job"));
    }

    [Fact]
    public async Task Bad_requests_name_the_field_and_unknown_ids_are_not_found()
    {
        var k = await Assert.ThrowsAsync<ContractValidationException>(() => Ops.RecommendAsync(SyntheticMarket.UserId(0), 0));
        Assert.Equal("k", k.Field);
        var title = await Assert.ThrowsAsync<ContractValidationException>(() => Ops.PutJobAsync("j1", new JobInput { Title = " " }));
        Assert.Equal("title", title.Field);
        var skill = await Assert.ThrowsAsync<ContractValidationException>(() =>
            Ops.PutUserAsync("u1", new UserInput { Skills = ["sql", ""] }));
        Assert.Equal("skills[1]", skill.Field);
        await Assert.ThrowsAsync<KeyNotFoundException>(() => Ops.RecommendAsync("nobody", 5));
        var job = await Assert.ThrowsAsync<KeyNotFoundException>(() =>
            Ops.RecordInteractionAsync(SyntheticMarket.UserId(0), new InteractionInput("no-such-job", InteractionKind.View)));
        Assert.Contains("no-such-job", job.Message);
        Assert.Null(await Ops.GetUserAsync("nobody"));
    }

    [Fact]
    public async Task A_restart_keeps_users_jobs_interactions_and_indexes()
    {
        var userId = SyntheticMarket.UserId(5);
        await Ops.PutJobAsync("new-job", new JobInput { Title = "Quantum pastry chef", Description = "croissants in superposition", Region = "TX", Skills = ["baking"] });
        await Ops.RecordInteractionAsync(userId, new InteractionInput("new-job", InteractionKind.Save));
        var before = await Ops.GetUserAsync(userId);
        var shardsBefore = await Ops.ShardStatusAsync();

        await _serving.Cluster.RestartSiloAsync(_serving.Cluster.Silos[0]);

        // The test cluster's client learns the restarted silo's gateway a moment later: the first (idempotent) read is retried until then.
        var after = await AfterRestartAsync(() => Ops.GetUserAsync(userId));
        Assert.Equal(before!.InteractionCount, after!.InteractionCount);
        Assert.Equal("new-job", after.RecentInteractions[0].JobId);
        Assert.Equal("Quantum pastry chef", (await Ops.GetJobAsync("new-job"))!.Posting.Title);
        Assert.Equal(shardsBefore.Select(s => s.Jobs), (await Ops.ShardStatusAsync()).Select(s => s.Jobs));
        var hits = await Ops.SearchAsync(new SearchRequest("quantum pastry chef croissants", 3));
        Assert.Equal("new-job", hits.Hits[0].Job.Id);
        var recs = await Ops.RecommendAsync(userId, 10);
        Assert.Equal(10, recs.Jobs.Count);
        Assert.DoesNotContain(recs.Jobs, j => j.Job.Id == "new-job");
    }

    [Fact]
    public async Task Co_interaction_ranking_follows_every_change()
    {
        var id = SyntheticMarket.JobId(3); // imported by the fixture
        var job = _serving.GrainFactory.GetGrain<IJobGrain>(id);
        var before = await job.GetCoInteractedAsync(100);

        await job.ImportStatisticsAsync(new JobStatistics(0, 0, 0, new Dictionary<string, int> { ["zz-b"] = 500, ["zz-c"] = 400 }));
        Assert.Equal(["zz-b", "zz-c"], (await job.GetCoInteractedAsync(2)).ToArray());

        await job.ImportStatisticsAsync(new JobStatistics(0, 0, 0, new Dictionary<string, int> { ["zz-c"] = 200 }));
        Assert.Equal(["zz-c", "zz-b"], (await job.GetCoInteractedAsync(2)).ToArray()); // not the ranking read before the change
        Assert.Equal(before.Count + 2, (await job.GetCoInteractedAsync(1000)).Count);
    }

    [Fact]
    public async Task Popularity_by_id_key_equals_popularity_by_id_and_follows_new_weights()
    {
        var popularity = _serving.GrainFactory.GetGrain<JobRec.Contracts.Recommendations.IPopularityGrain>(JobRec.Grains.Recommendations.PopularityGrain.GlobalKey);
        var ids = Enumerable.Range(0, 60).Select(SyntheticMarket.JobId).Append("never-seen").ToList();
        var keys = ids.Select(StableKey.Of).ToList();

        var byId = await popularity.PopularityOfAsync(ids);
        Assert.Equal(byId, await popularity.PopularityOfKeysAsync(keys));
        Assert.Contains(byId, p => p > 0);
        Assert.Equal(0f, byId[^1]);

        await popularity.AddAsync(new Dictionary<string, float> { ["never-seen"] = 0.5f, [ids[0]] = 2f });
        var after = await popularity.PopularityOfAsync(ids);
        Assert.Equal(after, await popularity.PopularityOfKeysAsync(keys));
        Assert.True(after[^1] > 0);
    }

    [Fact]
    public async Task Popularity_by_id_key_is_the_count_over_the_highest_count()
    {
        // A grain of its own, so no other test's interactions move its counts.
        var popularity = _serving.GrainFactory.GetGrain<JobRec.Contracts.Recommendations.IPopularityGrain>("test-" + Guid.NewGuid().ToString("N"));
        await popularity.AddAsync(new Dictionary<string, float> { ["a"] = 4f, ["b"] = 2f });

        Assert.Equal(new[] { 1f, 0.5f, 0f }, await popularity.PopularityOfKeysAsync([StableKey.Of("a"), StableKey.Of("b"), StableKey.Of("c")]));

        await popularity.AddAsync(new Dictionary<string, float> { ["c"] = 1f, ["b"] = 1f }); // the key copy follows; "a" stays highest
        Assert.Equal(new[] { 1f, 0.75f, 0.25f }, await popularity.PopularityOfKeysAsync([StableKey.Of("a"), StableKey.Of("b"), StableKey.Of("c")]));
    }

    private static async Task<T> AfterRestartAsync<T>(Func<Task<T>> read)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            try
            {
                return await read();
            }
            catch (Exception e) when (DateTime.UtcNow < deadline && e is Orleans.Runtime.SiloUnavailableException or Orleans.Runtime.OrleansMessageRejectionException
                                          or Orleans.Runtime.Messaging.ConnectionFailedException or TimeoutException)
            {
                await Task.Delay(100);
            }
        }
    }
}
