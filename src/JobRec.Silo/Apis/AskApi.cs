using JobRec.Contracts.Ask;
using JobRec.Contracts.Operations;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JobRec.Silo.Apis;

/// <summary>HTTP route of question answering over retrieved postings.</summary>
public static class AskApi
{
    /// <summary>Maps POST /ask.</summary>
    public static RouteGroupBuilder MapAskApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/ask").WithTags("Ask");
        api.MapPost("/", Ask).WithSummary("Answer a question about jobs from the postings the semantic search retrieves, citing their ids");
        return api;
    }

    private static async Task<Ok<AskResponse>> Ask(AskRequest request, JobRecOperations ops) =>
        TypedResults.Ok(await ops.AskAsync(request));
}
