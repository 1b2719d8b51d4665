using Orleans;
namespace JobRec.Contracts.Jobs;

/// <summary>The few fields of a job shown in result lists.</summary>
/// <param name="Id">The job's id.</param>
/// <param name="Title">Job title.</param>
/// <param name="Company">Hiring company.</param>
/// <param name="Location">Free-text location.</param>
/// <param name="Region">Region code.</param>
/// <param name="Remote">True when remote.</param>
/// <param name="OnetCode">O*NET-SOC code or empty.</param>
[GenerateSerializer, Immutable, Alias("jobrec.JobSummary")]
public sealed record JobSummary(string Id, string Title, string Company, string Location, string Region, bool Remote, string OnetCode);
