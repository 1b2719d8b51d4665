using JobRec.Contracts.Interactions;
using JobRec.Contracts.Operations;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JobRec.Silo.Apis;

/// <summary>HTTP routes of the interactions resource: record a view, save or apply.</summary>
public static class InteractionsApi
{
    /// <summary>Maps POST /users/{id}/interactions.</summary>
    public static RouteGroupBuilder MapInteractionsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/users/{id}/interactions").WithTags("Interactions");
        api.MapPost("/", Record).WithSummary("Record that the user viewed, saved or applied to a job");
        return api;
    }

    private static async Task<Created<InteractionRecord>> Record(string id, InteractionInput interaction, JobRecOperations ops) =>
        TypedResults.Created($"/users/{Uri.EscapeDataString(id)}", await ops.RecordInteractionAsync(id, interaction));
}
