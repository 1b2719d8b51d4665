using JobRec.Contracts.Operations;
using JobRec.Contracts.Search;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JobRec.Silo.Apis;

/// <summary>HTTP route of free-text job search.</summary>
public static class SearchApi
{
    /// <summary>Maps POST /search.</summary>
    public static RouteGroupBuilder MapSearchApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/search").WithTags("Search");
        api.MapPost("/", Search).WithSummary("Search jobs with free text, k and filters");
        return api;
    }

    private static async Task<Ok<SearchResponse>> Search(SearchRequest request, JobRecOperations ops) =>
        TypedResults.Ok(await ops.SearchAsync(request));
}
