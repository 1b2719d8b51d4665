using JobRec.Contracts.Operations;
using JobRec.Contracts.Recommendations;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JobRec.Silo.Apis;

/// <summary>HTTP route of a user's recommendations.</summary>
public static class RecommendationsApi
{
    /// <summary>Maps GET /users/{id}/recommendations?k=&amp;explain=.</summary>
    public static RouteGroupBuilder MapRecommendationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/users/{id}/recommendations").WithTags("Recommendations");
        api.MapGet("/", Recommend).WithSummary("Top-k jobs for the user, with reasons when explain=true");
        return api;
    }

    private static async Task<Ok<RecommendationList>> Recommend(string id, JobRecOperations ops, int? k, bool? explain) =>
        TypedResults.Ok(await ops.RecommendAsync(id, k ?? 20, explain ?? false));
}
