using JobRec.Actors.Runtime;
using JobRec.Contracts.Cluster;
using JobRec.Contracts.Operations;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JobRec.Silo.Apis;

/// <summary>HTTP routes of cluster status and health.</summary>
public static class ClusterApi
{
    /// <summary>Maps GET /cluster and GET /health.</summary>
    public static IEndpointRouteBuilder MapClusterApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/cluster", Status).WithTags("Cluster").WithSummary("Silos, activations and queue lengths per grain type, index shards");
        app.MapGet("/health", () => TypedResults.Ok(new { status = "healthy" })).WithTags("Cluster").WithSummary("Liveness check");
        return app;
    }

    private static async Task<Ok<ClusterStatus>> Status(GrainRuntime runtime, JobRecOperations ops)
    {
        var stats = runtime.GetStatistics();
        var silo = new SiloStatus(Environment.MachineName, "active",
            stats.GrainTypes.ToDictionary(t => t.GrainType, t => t.Activations), stats.TotalQueuedMessages);
        return TypedResults.Ok(new ClusterStatus([silo], await ops.ShardStatusAsync(), DateTimeOffset.UtcNow));
    }
}
