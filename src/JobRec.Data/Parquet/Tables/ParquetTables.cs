using System.Globalization;
using JobRec.Data.Model;
using JobRec.Data.Parquet.Reading;
using JobRec.Data.Parquet.Writing;
using LogicalType = ParquetSharp.LogicalType;

namespace JobRec.Data.Parquet.Tables;

/// <summary>Reads and writes the engine's own tables (jobs, users, interactions, embeddings) as Parquet, streaming one batch of rows at a time.</summary>
/// <remarks>
/// Readers look columns up by name and decode only the table's columns, so files with extra or reordered columns read too;
/// absent optional columns take the model's defaults. Strings are optional BYTE_ARRAY (UTF8), lists 3-level LISTs, money
/// DECIMAL(18,4), times TIMESTAMP(MICROS, UTC).
/// </remarks>
public static class ParquetTables
{
    private static readonly string[] JobColumns =
        ["id", "title", "company", "location", "description", "region", "skills", "level", "employment_type", "remote", "salary_min", "salary_max", "onet_code", "posted_at", "closes_at", "source"];

    private static readonly string[] UserColumns =
        ["id", "resume_text", "location", "region", "past_titles", "desired_titles", "skills", "years_experience", "wants_remote", "source"];

    private static readonly string[] InteractionColumns = ["user_id", "job_id", "kind", "time"];

    /// <summary>Writes <paramref name="jobs"/> to <paramref name="output"/> (left open); returns the number of rows.</summary>
    public static long WriteJobs(Stream output, IEnumerable<JobPosting> jobs, ParquetWriteOptions? options = null)
    {
        using var w = new ParquetTableWriter(output, options);
        var id = w.Column<string>("id", unique: true);
        var title = w.Column<string>("title");
        var company = w.Column<string>("company");
        var location = w.Column<string>("location");
        var description = w.Column<string>("description", unique: true);
        var region = w.Column<string>("region");
        var skills = w.Column<string[]>("skills");
        var level = w.Column<string>("level");
        var employmentType = w.Column<string>("employment_type");
        var remote = w.Column<bool>("remote");
        var salaryMin = w.Column<decimal?>("salary_min", LogicalType.Decimal(18, 4));
        var salaryMax = w.Column<decimal?>("salary_max", LogicalType.Decimal(18, 4));
        var onet = w.Column<string>("onet_code");
        var posted = w.Column<DateTime?>("posted_at", Timestamp());
        var closes = w.Column<DateTime?>("closes_at", Timestamp());
        var source = w.Column<string>("source");
        foreach (var j in jobs)
        {
            id.Add(j.Id);
            title.Add(j.Title);
            company.Add(j.Company);
            location.Add(j.Location);
            description.Add(j.Description);
            region.Add(j.Region);
            skills.Add([.. j.Skills]);
            level.Add(j.Level);
            employmentType.Add(j.EmploymentType);
            remote.Add(j.Remote);
            salaryMin.Add(Money(j.SalaryMin, j.Id, "salary_min"));
            salaryMax.Add(Money(j.SalaryMax, j.Id, "salary_max"));
            onet.Add(j.OnetCode);
            posted.Add(Utc(j.PostedAt));
            closes.Add(Utc(j.ClosesAt));
            source.Add(j.Source);
            w.EndRow();
        }

        w.Finish();
        return w.RowCount;
    }

    /// <summary>Writes <paramref name="jobs"/> to a new file at <paramref name="path"/>; returns the number of rows.</summary>
    public static long WriteJobs(string path, IEnumerable<JobPosting> jobs, ParquetWriteOptions? options = null) => WriteFile(path, s => WriteJobs(s, jobs, options));

    /// <summary>Streams the jobs of a Parquet file (needs columns <c>id</c> and <c>title</c>; others optional).</summary>
    public static IEnumerable<JobPosting> ReadJobs(string path, ParquetReadOptions? options = null)
    {
        using var reader = ParquetFileReader.Open(path, options);
        var table = new TableFile(reader);
        table.Require("id", "title");
        foreach (var r in table.Rows(JobColumns))
        {
            yield return new JobPosting(r.String(0), r.String(1), r.String(2), r.String(3), r.String(4))
            {
                Region = r.String(5),
                Skills = r.StringList(6),
                Level = r.String(7),
                EmploymentType = r.String(8),
                Remote = r.Bool(9),
                SalaryMin = r.Decimal(10),
                SalaryMax = r.Decimal(11),
                OnetCode = r.String(12),
                PostedAt = r.Time(13),
                ClosesAt = r.Time(14),
                Source = r.String(15),
            };
        }
    }

    /// <summary>Writes <paramref name="users"/> to <paramref name="output"/> (left open); returns the number of rows.</summary>
    public static long WriteUsers(Stream output, IEnumerable<UserProfile> users, ParquetWriteOptions? options = null)
    {
        using var w = new ParquetTableWriter(output, options);
        var id = w.Column<string>("id", unique: true);
        var resume = w.Column<string>("resume_text", unique: true);
        var location = w.Column<string>("location");
        var region = w.Column<string>("region");
        var past = w.Column<string[]>("past_titles");
        var desired = w.Column<string[]>("desired_titles");
        var skills = w.Column<string[]>("skills");
        var years = w.Column<double?>("years_experience");
        var wantsRemote = w.Column<bool>("wants_remote");
        var source = w.Column<string>("source");
        foreach (var u in users)
        {
            id.Add(u.Id);
            resume.Add(u.ResumeText);
            location.Add(u.Location);
            region.Add(u.Region);
            past.Add([.. u.PastTitles]);
            desired.Add([.. u.DesiredTitles]);
            skills.Add([.. u.Skills]);
            years.Add(u.YearsExperience);
            wantsRemote.Add(u.WantsRemote);
            source.Add(u.Source);
            w.EndRow();
        }

        w.Finish();
        return w.RowCount;
    }

    /// <summary>Writes <paramref name="users"/> to a new file at <paramref name="path"/>; returns the number of rows.</summary>
    public static long WriteUsers(string path, IEnumerable<UserProfile> users, ParquetWriteOptions? options = null) => WriteFile(path, s => WriteUsers(s, users, options));

    /// <summary>Streams the users of a Parquet file (needs column <c>id</c>; others optional).</summary>
    public static IEnumerable<UserProfile> ReadUsers(string path, ParquetReadOptions? options = null)
    {
        using var reader = ParquetFileReader.Open(path, options);
        var table = new TableFile(reader);
        table.Require("id");
        foreach (var r in table.Rows(UserColumns))
        {
            yield return new UserProfile(r.String(0), r.String(1), r.String(2))
            {
                Region = r.String(3),
                PastTitles = r.StringList(4),
                DesiredTitles = r.StringList(5),
                Skills = r.StringList(6),
                YearsExperience = r.Double(7),
                WantsRemote = r.Bool(8),
                Source = r.String(9),
            };
        }
    }

    /// <summary>Writes <paramref name="interactions"/> to <paramref name="output"/> (left open); kinds are stored as "view", "save", "apply".</summary>
    public static long WriteInteractions(Stream output, IEnumerable<Interaction> interactions, ParquetWriteOptions? options = null)
    {
        using var w = new ParquetTableWriter(output, options);
        var user = w.Column<string>("user_id");
        var job = w.Column<string>("job_id");
        var kind = w.Column<string>("kind");
        var time = w.Column<DateTime>("time", Timestamp());
        foreach (var i in interactions)
        {
            user.Add(i.UserId);
            job.Add(i.JobId);
            kind.Add(KindName(i.Kind));
            time.Add(i.Time.UtcDateTime);
            w.EndRow();
        }

        w.Finish();
        return w.RowCount;
    }

    /// <summary>Writes <paramref name="interactions"/> to a new file at <paramref name="path"/>; returns the number of rows.</summary>
    public static long WriteInteractions(string path, IEnumerable<Interaction> interactions, ParquetWriteOptions? options = null) => WriteFile(path, s => WriteInteractions(s, interactions, options));

    /// <summary>Streams the interactions of a Parquet file (needs user_id, job_id, kind, time).</summary>
    public static IEnumerable<Interaction> ReadInteractions(string path, ParquetReadOptions? options = null)
    {
        using var reader = ParquetFileReader.Open(path, options);
        var table = new TableFile(reader);
        table.Require(InteractionColumns);
        foreach (var r in table.Rows(InteractionColumns))
        {
            var time = r.Time(3) ?? throw r.Problem(3, "time is null");
            yield return new Interaction(r.String(0), r.String(1), ParseKind(r, 2), time);
        }
    }

    /// <summary>Writes embeddings as <c>id</c> + <c>vector</c> (a LIST of FLOATs, all of length <paramref name="dimension"/>).</summary>
    public static long WriteEmbeddings(Stream output, IEnumerable<JobEmbedding> embeddings, int dimension, ParquetWriteOptions? options = null)
    {
        options ??= ParquetWriteOptions.Default;
        options = options with { Metadata = new Dictionary<string, string>(options.Metadata) { ["jobrec.embedding.dimension"] = dimension.ToString(CultureInfo.InvariantCulture) } };
        using var w = new ParquetTableWriter(output, options);
        var id = w.Column<string>("id");
        var vector = w.Column<float[]>("vector");
        foreach (var e in embeddings)
        {
            if (e.Vector.Length != dimension)
            {
                throw new ArgumentException($"embedding '{e.Id}' (row {w.RowCount}) has {e.Vector.Length} values, expected {dimension}", nameof(embeddings));
            }

            id.Add(e.Id);
            vector.Add(e.Vector);
            w.EndRow();
        }

        w.Finish();
        return w.RowCount;
    }

    /// <summary>Streams the embeddings of a Parquet file written by <see cref="WriteEmbeddings"/>.</summary>
    public static IEnumerable<JobEmbedding> ReadEmbeddings(string path, ParquetReadOptions? options = null)
    {
        using var reader = ParquetFileReader.Open(path, options);
        var table = new TableFile(reader);
        table.Require("id", "vector");
        foreach (var r in table.Rows(["id", "vector"]))
        {
            yield return new JobEmbedding(r.String(0), r.FloatList(1));
        }
    }

    private static LogicalType Timestamp() => LogicalType.Timestamp(isAdjustedToUtc: true, ParquetSharp.TimeUnit.Micros);

    private static DateTime? Utc(DateTimeOffset? t) => t?.UtcDateTime;

    // DECIMAL(18,4): rounds to 4 places; larger amounts are a caller error, not a silent overflow.
    private static decimal? Money(decimal? value, string id, string column) => value switch
    {
        null => null,
        { } v when Math.Abs(v) < 100_000_000_000_000m => Math.Round(v, 4, MidpointRounding.ToEven),
        { } v => throw new ArgumentException($"job '{id}': {column} {v} does not fit DECIMAL(18,4)"),
    };

    private static long WriteFile(string path, Func<Stream, long> write)
    {
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        return write(file);
    }

    private static string KindName(InteractionKind kind) => kind switch
    {
        InteractionKind.View => "view",
        InteractionKind.Save => "save",
        InteractionKind.Apply => "apply",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown interaction kind"),
    };

    private static InteractionKind ParseKind(TableRow row, int column) => row.Value(column) switch
    {
        string s when s.Equals("view", StringComparison.OrdinalIgnoreCase) => InteractionKind.View,
        string s when s.Equals("save", StringComparison.OrdinalIgnoreCase) => InteractionKind.Save,
        string s when s.Equals("apply", StringComparison.OrdinalIgnoreCase) => InteractionKind.Apply,
        int i when Enum.IsDefined((InteractionKind)i) => (InteractionKind)i,
        var v => throw row.Problem(column, $"interaction kind '{v}' is not view, save or apply"),
    };
}
