using System.Globalization;
using System.Text;
using JobRec.Data.Csv;
using JobRec.Data.Model;

namespace JobRec.Data.Synthetic;

/// <summary>
/// Writes a synthetic market's jobs in the schema of Kaggle's "1.3M LinkedIn Jobs and Skills 2024" (asaniczka), the files
/// <see cref="Readers.LinkedIn.LinkedIn2024Source"/> reads: <c>linkedin_job_postings.csv</c> (the 14 original columns),
/// <c>job_skills.csv</c> and <c>job_summary.csv</c>, joined on <c>job_link</c>. Job i gets the LinkedIn id 3,700,000,000 + i (so its
/// engine id is "li:" + that number); level, on-site/remote and first-seen date come from the posting. Streams: memory stays flat
/// however many jobs are written.
/// </summary>
public static class LinkedIn2024Writer
{
    /// <summary>The first LinkedIn job id handed out (real 2024 ids are about 3.7-3.8 billion).</summary>
    public const long FirstLinkedInId = 3_700_000_000;

    /// <summary>The columns of linkedin_job_postings.csv, in the original order.</summary>
    public static readonly string[] PostingColumns =
    [
        "job_link", "last_processed_time", "got_summary", "got_ner", "is_being_worked", "job_title", "company", "job_location",
        "first_seen", "search_city", "search_country", "search_position", "job_level", "job_type",
    ];

    /// <summary>Writes the three files into <paramref name="folder"/> (created when missing); <paramref name="progress"/> gets a count per job.
    /// Returns the number of jobs written.</summary>
    public static long Write(IEnumerable<JobPosting> jobs, string folder, Action<long>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        Directory.CreateDirectory(folder);
        using var postings = CsvWriter.Create(Path.Combine(folder, "linkedin_job_postings.csv"));
        using var skills = CsvWriter.Create(Path.Combine(folder, "job_skills.csv"));
        using var summaries = CsvWriter.Create(Path.Combine(folder, "job_summary.csv"));
        postings.Row(PostingColumns);
        skills.Row("job_link", "job_skills");
        summaries.Row("job_link", "job_summary");
        long n = 0;
        var slug = new StringBuilder();
        foreach (var j in jobs)
        {
            var link = Link(j, FirstLinkedInId + n, slug);
            var seen = j.PostedAt ?? new DateTimeOffset(2024, 1, 12, 0, 0, 0, TimeSpan.Zero);
            var city = j.Location.Split(',')[0].Trim();
            postings.Row(link, seen.AddDays(6).ToString("yyyy-MM-dd HH:mm:ss.fffff+00", CultureInfo.InvariantCulture), "t", "t", "f", j.Title, j.Company,
                j.Location, seen.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), city, "United States", j.Title.Split(' ')[^1], Level(j.Level),
                j.Remote ? "Remote" : "Onsite");
            skills.Row(link, string.Join(", ", j.Skills));
            summaries.Row(link, j.Description);
            n++;
            progress?.Invoke(1);
        }

        return n;
    }

    /// <summary>The LinkedIn spelling of an engine level ("mid-senior" to "Mid senior", "entry" to "Entry level", ...).</summary>
    public static string Level(string level) => level switch
    {
        "internship" => "Internship",
        "entry" => "Entry level",
        "associate" => "Associate",
        "director" => "Director",
        "executive" => "Executive",
        _ => "Mid senior",
    };

    private static string Link(JobPosting job, long id, StringBuilder slug)
    {
        slug.Clear().Append("https://www.linkedin.com/jobs/view/");
        Slug(job.Title, slug);
        slug.Append("-at-");
        Slug(job.Company, slug);
        return slug.Append('-').Append(id.ToString(CultureInfo.InvariantCulture)).ToString();
    }

    private static void Slug(string text, StringBuilder into)
    {
        var dash = false;
        foreach (var c in text)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                into.Append(char.ToLowerInvariant(c));
                dash = false;
            }
            else if (!dash && into.Length > 0 && into[^1] != '/')
            {
                into.Append('-');
                dash = true;
            }
        }

        if (dash)
        {
            into.Length--;
        }
    }
}
