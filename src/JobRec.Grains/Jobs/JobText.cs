using JobRec.Contracts.Jobs;
using JobRec.Contracts.Users;

namespace JobRec.Grains.Jobs;

/// <summary>The text that is embedded for a job or a user: title/skills first, then the start of the long text (the encoder reads at most 128 tokens).</summary>
public static class JobText
{
    private const int MaxLongTextChars = 600;

    /// <summary>Text of a posting: "title. skills. description...".</summary>
    public static string Of(JobInput posting)
    {
        ArgumentNullException.ThrowIfNull(posting);
        return Join(posting.Title, string.Join(", ", posting.Skills), posting.Description);
    }

    /// <summary>Text of a profile: "desired titles. skills. resume...".</summary>
    public static string Of(UserInput profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return Join(string.Join(", ", profile.DesiredTitles), string.Join(", ", profile.Skills), profile.ResumeText);
    }

    /// <summary>The text skills are extracted from for a posting: its title, a line break, its description.</summary>
    public static string ForSkills(JobInput posting)
    {
        ArgumentNullException.ThrowIfNull(posting);
        return string.IsNullOrWhiteSpace(posting.Title) ? posting.Description : posting.Title.Trim() + "\n" + posting.Description;
    }

    /// <summary>The given skills followed by the extracted ones, trimmed, without blanks and case-insensitive duplicates: what the skill-overlap
    /// feature and the reasons compare.</summary>
    public static string[] AllSkills(IReadOnlyList<string> given, IReadOnlyList<string> extracted) =>
        given.Concat(extracted).Select(s => s.Trim()).Where(s => s.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();

    private static string Join(string head, string skills, string body)
    {
        var parts = new List<string>(3);
        if (!string.IsNullOrWhiteSpace(head))
        {
            parts.Add(head.Trim());
        }

        if (!string.IsNullOrWhiteSpace(skills))
        {
            parts.Add(skills.Trim());
        }

        if (!string.IsNullOrWhiteSpace(body))
        {
            var b = body.Trim();
            parts.Add(b.Length > MaxLongTextChars ? b[..MaxLongTextChars] : b);
        }

        return string.Join(". ", parts);
    }
}
