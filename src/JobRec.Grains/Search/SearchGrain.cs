using Orleans;
using Orleans.Concurrency;
using Orleans.Runtime;
using JobRec.Contracts;
using JobRec.Contracts.Indexing;
using JobRec.Contracts.Inference;
using JobRec.Contracts.Jobs;
using JobRec.Contracts.Search;
using JobRec.Grains.Hosting;

namespace JobRec.Grains.Search;

/// <summary>Stateless search front: encodes the query in the inference pool, fans out to every shard, merges the best hits.</summary>
[GrainType("JobRec.Grains.Search.SearchGrain")]
[StatelessWorker(8)]
public sealed class SearchGrain : Grain, ISearchGrain
{
    private readonly ServingOptions _options;
    private readonly ServingAdmission _admission;

    /// <summary>Created by the runtime.</summary>
    public SearchGrain(ServingOptions options, ServingAdmission admission)
    {
        _options = options;
        _admission = admission;
    }

    /// <inheritdoc />
    public async Task<SearchResponse> SearchAsync(SearchRequest request)
    {
        RequestValidation.Search(request);
        using var turn = await _admission.EnterAsync("search");
        var vector = (await GrainFactory.GetGrain<IInferenceWorkerGrain>("0").EncodeAsync([request.Query]))[0];
        var hits = await FanOutAsync(new ShardQuery(vector, request.K, request.Filters));
        return new SearchResponse(request.Query, hits, _options.ShardCount);
    }

    /// <inheritdoc />
    public async Task<SearchResponse> SimilarJobsAsync(string jobId, int k)
    {
        RequestValidation.Id("jobId", jobId);
        RequestValidation.K("k", k);
        using var turn = await _admission.EnterAsync("similar jobs");
        var job = GrainFactory.GetGrain<IJobGrain>(jobId);
        var summary = await job.GetSummaryAsync() ?? throw new KeyNotFoundException($"job '{jobId}' does not exist");
        var vector = await job.GetEmbeddingAsync();
        if (vector is not { Length: > 0 })
        {
            return new SearchResponse(summary.Title, [], 0);
        }

        var hits = await FanOutAsync(new ShardQuery(vector, k, null, [jobId]));
        return new SearchResponse(summary.Title, hits, _options.ShardCount);
    }

    private async Task<IReadOnlyList<SearchHit>> FanOutAsync(ShardQuery query)
    {
        var perShard = await Task.WhenAll(Enumerable.Range(0, _options.ShardCount).Select(s =>
            GrainFactory.GetGrain<IIndexShardGrain>(ShardRouting.KeyOf(s)).SearchAsync(query)));
        return perShard.SelectMany(h => h).OrderByDescending(h => h.Score).ThenBy(h => h.Job.Id, StringComparer.Ordinal)
            .Take(query.K).Select(h => new SearchHit(h.Job, h.Score)).ToList();
    }
}
