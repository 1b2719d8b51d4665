using JobRec.Contracts.Interactions;
using JobRec.Contracts.Operations;
using JobRec.Contracts;
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

    private static async Task<Created<InteractionRecord>> Record(string id, InteractionBody interaction, JobRecOperations ops) =>
        TypedResults.Created($"/users/{Uri.EscapeDataString(id)}", await ops.RecordInteractionAsync(id, interaction.ToInput()));

    /// <summary>The JSON body of POST /users/{id}/interactions: as <see cref="InteractionInput"/>, but <c>kind</c> must be given.</summary>
    /// <param name="JobId">The job.</param>
    /// <param name="Kind">view, save or apply; required (a missing kind is a 400, never a silent view).</param>
    /// <param name="Time">When it happened; null means now.</param>
    /// <param name="RequestId">Optional idempotency key: a retry with the same key is stored once and answered with the first record.</param>
    public sealed record InteractionBody(string JobId, InteractionKind? Kind, DateTimeOffset? Time = null, string? RequestId = null)
    {
        /// <summary>The contract input; throws <see cref="ContractValidationException"/> when the kind is missing.</summary>
        public InteractionInput ToInput() =>
            new(JobId, Kind ?? throw new ContractValidationException("kind", "is required: view, save or apply"), Time, RequestId);
    }
}
