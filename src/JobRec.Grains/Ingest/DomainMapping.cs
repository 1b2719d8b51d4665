using JobRec.Contracts;
using JobRec.Contracts.Interactions;
using JobRec.Contracts.Jobs;
using JobRec.Contracts.Users;
using JobRec.Data.Model;
using ContractKind = JobRec.Contracts.Interactions.InteractionKind;

namespace JobRec.Grains.Ingest;

/// <summary>Maps the data layer's domain model onto the grain contracts, clipping over-long fields to the contract limits.</summary>
public static class DomainMapping
{
    /// <summary>The contract form of a posting.</summary>
    public static JobInput ToInput(JobPosting job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return new JobInput
        {
            Title = Clip(job.Title, ContractLimits.MaxTitleLength),
            Company = Clip(job.Company, ContractLimits.MaxShortFieldLength),
            Location = Clip(job.Location, ContractLimits.MaxShortFieldLength),
            Region = Clip(job.Region, ContractLimits.MaxShortFieldLength),
            Description = Clip(job.Description, ContractLimits.MaxDescriptionLength),
            Skills = Skills(job.Skills),
            Remote = job.Remote,
            Level = Clip(job.Level, ContractLimits.MaxShortFieldLength),
            EmploymentType = Clip(job.EmploymentType, ContractLimits.MaxShortFieldLength),
            OnetCode = Clip(job.OnetCode, ContractLimits.MaxShortFieldLength),
            PostedAt = job.PostedAt,
            ClosesAt = job.ClosesAt is { } c && job.PostedAt is { } p && c < p ? null : job.ClosesAt,
            Source = Clip(job.Source, ContractLimits.MaxShortFieldLength),
        };
    }

    /// <summary>The contract form of a profile.</summary>
    public static UserInput ToInput(UserProfile user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var resume = user.ResumeText;
        if (user.PastTitles.Count > 0 && !resume.Contains(user.PastTitles[0], StringComparison.OrdinalIgnoreCase))
        {
            resume = string.Join("; ", user.PastTitles) + ". " + resume;
        }

        return new UserInput
        {
            ResumeText = Clip(resume, ContractLimits.MaxDescriptionLength),
            Location = Clip(user.Location, ContractLimits.MaxShortFieldLength),
            Region = Clip(user.Region, ContractLimits.MaxShortFieldLength),
            Skills = Skills(user.Skills),
            DesiredTitles = Skills(user.DesiredTitles),
            PastTitles = (user.PastTitles ?? []).Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => Clip(t.Trim(), ContractLimits.MaxShortFieldLength))
                .Take(ContractLimits.MaxSkills).ToList(),
            WantsRemote = user.WantsRemote,
            Source = Clip(user.Source, ContractLimits.MaxShortFieldLength),
        };
    }

    /// <summary>The contract form of an interaction.</summary>
    public static InteractionRecord ToRecord(Interaction interaction) =>
        new(interaction.JobId, (ContractKind)(int)interaction.Kind, interaction.Time);

    private static string Clip(string? value, int max) => value is null ? "" : value.Length <= max ? value : value[..max];

    private static IReadOnlyList<string> Skills(IReadOnlyList<string>? values) =>
        (values ?? []).Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => Clip(s.Trim(), ContractLimits.MaxShortFieldLength))
            .Distinct(StringComparer.OrdinalIgnoreCase).Take(ContractLimits.MaxSkills).ToList();
}
