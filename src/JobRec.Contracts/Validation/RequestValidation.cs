using JobRec.Contracts.Interactions;
using JobRec.Contracts.Jobs;
using JobRec.Contracts.Search;
using JobRec.Contracts.Users;

namespace JobRec.Contracts;

/// <summary>Checks requests against <see cref="ContractLimits"/>; each check throws <see cref="ContractValidationException"/> naming the first bad field.</summary>
public static class RequestValidation
{
    /// <summary>An id is 1..<see cref="ContractLimits.MaxIdLength"/> characters with no control characters or '/'.</summary>
    public static void Id(string field, string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            throw new ContractValidationException(field, "must be a non-empty id");
        }

        if (id.Length > ContractLimits.MaxIdLength)
        {
            throw new ContractValidationException(field, $"is {id.Length} characters; at most {ContractLimits.MaxIdLength} allowed");
        }

        for (var i = 0; i < id.Length; i++)
        {
            if (char.IsControl(id[i]) || id[i] == '/')
            {
                throw new ContractValidationException(field, $"contains a forbidden character at offset {i} (control characters and '/' are not allowed)");
            }
        }
    }

    /// <summary>k is between 1 and <see cref="ContractLimits.MaxK"/>.</summary>
    public static void K(string field, int k)
    {
        if (k < 1 || k > ContractLimits.MaxK)
        {
            throw new ContractValidationException(field, $"is {k}; must be between 1 and {ContractLimits.MaxK}");
        }
    }

    /// <summary>A posting has a title and every field within bounds.</summary>
    public static void Job(JobInput? job)
    {
        if (job is null)
        {
            throw new ContractValidationException("body", "a job posting is required");
        }

        if (string.IsNullOrWhiteSpace(job.Title))
        {
            throw new ContractValidationException("title", "is required");
        }

        Text("title", job.Title, ContractLimits.MaxTitleLength);
        Text("company", job.Company, ContractLimits.MaxShortFieldLength);
        Text("location", job.Location, ContractLimits.MaxShortFieldLength);
        Text("region", job.Region, ContractLimits.MaxShortFieldLength);
        Text("level", job.Level, ContractLimits.MaxShortFieldLength);
        Text("employmentType", job.EmploymentType, ContractLimits.MaxShortFieldLength);
        Text("onetCode", job.OnetCode, ContractLimits.MaxShortFieldLength);
        Text("source", job.Source, ContractLimits.MaxShortFieldLength);
        Text("description", job.Description, ContractLimits.MaxDescriptionLength);
        Skills("skills", job.Skills);
        Time("postedAt", job.PostedAt);
        if (job.PostedAt is { } posted && job.ClosesAt is { } closes && closes < posted)
        {
            throw new ContractValidationException("closesAt", $"({closes:O}) is before postedAt ({posted:O})");
        }
    }

    /// <summary>A profile has every field within bounds.</summary>
    public static void User(UserInput? user)
    {
        if (user is null)
        {
            throw new ContractValidationException("body", "a user profile is required");
        }

        Text("resumeText", user.ResumeText, ContractLimits.MaxDescriptionLength);
        Text("location", user.Location, ContractLimits.MaxShortFieldLength);
        Text("region", user.Region, ContractLimits.MaxShortFieldLength);
        Text("source", user.Source, ContractLimits.MaxShortFieldLength);
        Skills("skills", user.Skills);
        Skills("desiredTitles", user.DesiredTitles);
        Skills("pastTitles", user.PastTitles);
    }

    /// <summary>An interaction names a job and a defined kind.</summary>
    public static void Interaction(InteractionInput? interaction)
    {
        if (interaction is null)
        {
            throw new ContractValidationException("body", "an interaction is required");
        }

        Id("jobId", interaction.JobId);
        if (!Enum.IsDefined(interaction.Kind))
        {
            throw new ContractValidationException("kind", $"is {(int)interaction.Kind}; must be view, save or apply");
        }

        Time("time", interaction.Time);
        if (interaction.RequestId is not null)
        {
            Id("requestId", interaction.RequestId);
        }
    }

    /// <summary>A time, when given, lies between <see cref="ContractLimits.EarliestTime"/> and <see cref="ContractLimits.MaxFutureSkew"/> past now.</summary>
    public static void Time(string field, DateTimeOffset? time)
    {
        if (time is not { } t)
        {
            return;
        }

        var latest = DateTimeOffset.UtcNow + ContractLimits.MaxFutureSkew;
        if (t < ContractLimits.EarliestTime || t > latest)
        {
            throw new ContractValidationException(field, $"({t:O}) must lie between {ContractLimits.EarliestTime:yyyy-MM-dd} and one day from now ({latest:O})");
        }
    }

    /// <summary>A search has a query of 1..<see cref="ContractLimits.MaxQueryLength"/> characters and k in bounds.</summary>
    public static void Search(SearchRequest? request)
    {
        if (request is null)
        {
            throw new ContractValidationException("body", "a search request is required");
        }

        if (string.IsNullOrWhiteSpace(request.Query))
        {
            throw new ContractValidationException("query", "is required");
        }

        Text("query", request.Query, ContractLimits.MaxQueryLength);
        K("k", request.K);
        if (request.Filters is { } f)
        {
            Text("filters.region", f.Region, ContractLimits.MaxShortFieldLength);
            Text("filters.onetPrefix", f.OnetPrefix, ContractLimits.MaxShortFieldLength);
        }
    }

    private static void Text(string field, string? value, int max)
    {
        if (value is null)
        {
            throw new ContractValidationException(field, "must not be null (use an empty string)");
        }

        if (value.Length > max)
        {
            throw new ContractValidationException(field, $"is {value.Length} characters; at most {max} allowed");
        }
    }

    private static void Skills(string field, IReadOnlyList<string>? values)
    {
        if (values is null)
        {
            throw new ContractValidationException(field, "must not be null (use an empty list)");
        }

        if (values.Count > ContractLimits.MaxSkills)
        {
            throw new ContractValidationException(field, $"has {values.Count} entries; at most {ContractLimits.MaxSkills} allowed");
        }

        for (var i = 0; i < values.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(values[i]))
            {
                throw new ContractValidationException($"{field}[{i}]", "must be a non-empty string");
            }

            Text($"{field}[{i}]", values[i], ContractLimits.MaxShortFieldLength);
        }
    }
}
