using JobRec.Contracts;
using JobRec.Contracts.Jobs;
using JobRec.Contracts.Operations;
using JobRec.Contracts.Search;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JobRec.Silo.Apis;

/// <summary>HTTP routes of the jobs resource: create/replace, get, close, similar jobs.</summary>
public static class JobsApi
{
    /// <summary>Maps /jobs routes.</summary>
    public static RouteGroupBuilder MapJobsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/jobs").WithTags("Jobs");
        api.MapPut("/{id}", PutJob).WithSummary("Create or replace a job posting");
        api.MapGet("/{id}", GetJob).WithSummary("Get a job with its O*NET occupation, skills and counters");
        api.MapPost("/{id}/close", CloseJob).WithSummary("Close a job (it leaves the index)");
        api.MapGet("/{id}/similar", SimilarJobs).WithSummary("Jobs most similar to this one");
        return api;
    }

    private static async Task<Ok<JobView>> PutJob(string id, JobInput posting, JobRecOperations ops) =>
        TypedResults.Ok(await ops.PutJobAsync(id, posting));

    private static async Task<Results<Ok<JobView>, ProblemHttpResult>> GetJob(string id, JobRecOperations ops) =>
        await ops.GetJobAsync(id) is { } job ? TypedResults.Ok(job) : ApiProblems.NotFound($"job '{id}' does not exist");

    private static async Task<Results<Ok<JobView>, ProblemHttpResult>> CloseJob(string id, JobRecOperations ops) =>
        await ops.CloseJobAsync(id) && await ops.GetJobAsync(id) is { } job ? TypedResults.Ok(job) : ApiProblems.NotFound($"job '{id}' does not exist");

    private static async Task<Ok<SearchResponse>> SimilarJobs(string id, JobRecOperations ops, int? k) =>
        TypedResults.Ok(await ops.SimilarJobsAsync(id, k ?? 10));
}
