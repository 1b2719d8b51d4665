using JobRec.Contracts.Operations;
using JobRec.Contracts.Skills;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JobRec.Silo.Apis;

/// <summary>HTTP routes of skill extraction: spans with offsets from text, and which model extracts.</summary>
public static class SkillsApi
{
    /// <summary>Maps POST /skills/extract and GET /skills/model.</summary>
    public static RouteGroupBuilder MapSkillsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/skills").WithTags("Skills");
        api.MapPost("/extract", Extract).WithSummary("Skill and knowledge spans of a text (1..20,000 characters) with character offsets and normalised skills");
        api.MapGet("/model", Model).WithSummary("What extracts skills: the span tagger, or the dictionary fallback and why");
        return api;
    }

    private static async Task<Ok<SkillExtractResponse>> Extract(SkillExtractRequest request, JobRecOperations ops) =>
        TypedResults.Ok(await ops.ExtractSkillsAsync(request));

    private static async Task<Ok<SkillModelInfo>> Model(JobRecOperations ops) =>
        TypedResults.Ok(await ops.SkillModelAsync());
}
