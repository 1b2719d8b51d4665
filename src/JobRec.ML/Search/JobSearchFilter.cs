using JobRec.Data.Model;

namespace JobRec.ML.Search;

/// <summary>Hard filters of a job search; a null field does not filter.</summary>
/// <param name="Location">Case-insensitive substring of the job's location or its region code ("TX", "Austin").</param>
/// <param name="Level">Seniority level, e.g. "entry", "mid-senior" (case-insensitive, exact).</param>
/// <param name="EmploymentType">Employment type, e.g. "full-time", "contract" (case-insensitive, exact).</param>
/// <param name="Remote">True: only remote jobs; false: only on-site jobs.</param>
public sealed record JobSearchFilter(string? Location = null, string? Level = null, string? EmploymentType = null, bool? Remote = null)
{
    /// <summary>True when <paramref name="job"/> passes every filter that is set.</summary>
    public bool Matches(JobPosting job)
    {
        if (!string.IsNullOrWhiteSpace(Location) &&
            !job.Location.Contains(Location, StringComparison.OrdinalIgnoreCase) &&
            !string.Equals(job.Region, Location, StringComparison.OrdinalIgnoreCase)) return false;
        if (!string.IsNullOrWhiteSpace(Level) && !string.Equals(job.Level, Level, StringComparison.OrdinalIgnoreCase)) return false;
        if (!string.IsNullOrWhiteSpace(EmploymentType) && !string.Equals(job.EmploymentType, EmploymentType, StringComparison.OrdinalIgnoreCase)) return false;
        if (Remote is { } remote && job.Remote != remote) return false;
        return true;
    }
}
