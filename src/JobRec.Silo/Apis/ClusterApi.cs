using JobRec.Contracts.Cluster;
using JobRec.Contracts.Operations;
using Microsoft.AspNetCore.Http.HttpResults;
using Orleans.Runtime;
using SiloStatus = JobRec.Contracts.Cluster.SiloStatus;

namespace JobRec.Silo.Apis;

/// <summary>HTTP routes of cluster status and health.</summary>
public static class ClusterApi
{
    /// <summary>Maps GET /cluster, GET /health and /health/live (the process answers), and GET /health/ready (every index shard answers).</summary>
    public static IEndpointRouteBuilder MapClusterApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/cluster", Status).WithTags("Cluster").WithSummary("Silos of the Orleans membership table with their activations per grain type, index shards");
        app.MapGet("/health", (JobRec.Grains.Inference.InferenceModels models, JobRec.Grains.Inference.SkillExtractionPool skills) => TypedResults.Ok(new
        {
            status = "healthy",
            recommender = models.ServedModel(JobRec.ML.Models.ModelNames.Recommender)?.Description,
            skills = SkillModelHealth.Of(skills),
        })).WithTags("Cluster").WithSummary("Liveness check; names the recommender model served (\"linear (no model trained yet)\" before one is trained) and the skill model (tagger file and format version, or the dictionary fallback and why)");
        app.MapGet("/health/live", () => TypedResults.Ok(new { status = "live" })).WithTags("Cluster").WithSummary("Liveness check: the process serves HTTP");
        app.MapGet("/health/ready", Ready).WithTags("Cluster").WithSummary("Readiness: 200 when every index shard loaded and answers within 5 s, else 503 naming why");
        return app;
    }

    private static async Task<IResult> Ready(JobRecOperations ops)
    {
        try
        {
            var shards = await ops.ShardStatusAsync().WaitAsync(TimeSpan.FromSeconds(5));
            return TypedResults.Ok(new { status = "ready", shards = shards.Count });
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The reason's type and message only: no stack trace leaves the silo.
            return TypedResults.Json(new { status = "not ready", reason = $"{e.GetType().Name}: {e.Message}" }, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }

    private static async Task<Ok<ClusterStatus>> Status(IGrainFactory grains, JobRecOperations ops)
    {
        var management = grains.GetGrain<IManagementGrain>(0);
        var hosts = await management.GetDetailedHosts(onlyActive: false);
        var statistics = await management.GetSimpleGrainStatistics();
        var silos = hosts.OrderBy(h => h.SiloName, StringComparer.Ordinal).Select(h => new SiloStatus(
            $"{h.SiloName} {h.SiloAddress.Endpoint}",
            h.Status.ToString().ToLowerInvariant(),
            statistics.Where(s => s.SiloAddress.Equals(h.SiloAddress)).GroupBy(s => s.GrainType)
                .ToDictionary(g => g.Key, g => g.Sum(s => s.ActivationCount)),
            0)).ToList();
        return TypedResults.Ok(new ClusterStatus(silos, await ops.ShardStatusAsync(), DateTimeOffset.UtcNow));
    }
}
