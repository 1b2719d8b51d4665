using System.Globalization;
using JobRec.Data.Model;
using JobRec.Data.Parquet.Reading;
using JobRec.Data.Parquet.Writing;

namespace JobRec.Data.Parquet.Tables;

/// <summary>Reads and writes the engine's own tables (jobs, users, interactions, embeddings) as Parquet, streaming one row group at a time.</summary>
/// <remarks>Readers look columns up by name, so files with extra or reordered columns read too; absent optional columns take the model's defaults.</remarks>
public static class ParquetTables
{
    private static readonly ParquetColumnSpec[] JobColumns =
    [
        new("id", ParquetValueKind.String), new("title", ParquetValueKind.String), new("company", ParquetValueKind.String),
        new("location", ParquetValueKind.String), new("description", ParquetValueKind.String), new("region", ParquetValueKind.String),
        new("skills", ParquetValueKind.String) { IsList = true }, new("level", ParquetValueKind.String),
        new("employment_type", ParquetValueKind.String), new("remote", ParquetValueKind.Boolean),
        new("salary_min", ParquetValueKind.Decimal) { Nullable = true }, new("salary_max", ParquetValueKind.Decimal) { Nullable = true },
        new("onet_code", ParquetValueKind.String), new("posted_at", ParquetValueKind.TimestampMicros) { Nullable = true },
        new("closes_at", ParquetValueKind.TimestampMicros) { Nullable = true }, new("source", ParquetValueKind.String),
    ];

    private static readonly ParquetColumnSpec[] UserColumns =
    [
        new("id", ParquetValueKind.String), new("resume_text", ParquetValueKind.String), new("location", ParquetValueKind.String),
        new("region", ParquetValueKind.String), new("past_titles", ParquetValueKind.String) { IsList = true },
        new("desired_titles", ParquetValueKind.String) { IsList = true }, new("skills", ParquetValueKind.String) { IsList = true },
        new("years_experience", ParquetValueKind.Double) { Nullable = true }, new("wants_remote", ParquetValueKind.Boolean),
        new("source", ParquetValueKind.String),
    ];

    private static readonly ParquetColumnSpec[] InteractionColumns =
    [
        new("user_id", ParquetValueKind.String), new("job_id", ParquetValueKind.String), new("kind", ParquetValueKind.String),
        new("time", ParquetValueKind.TimestampMicros),
    ];

    /// <summary>Writes <paramref name="jobs"/> to <paramref name="output"/> (left open); returns the number of rows.</summary>
    public static long WriteJobs(Stream output, IEnumerable<JobPosting> jobs, ParquetWriteOptions? options = null)
    {
        using var w = new ParquetFileWriter(output, JobColumns, options);
        foreach (var j in jobs)
        {
            w[0].AddString(j.Id);
            w[1].AddString(j.Title);
            w[2].AddString(j.Company);
            w[3].AddString(j.Location);
            w[4].AddString(j.Description);
            w[5].AddString(j.Region);
            w[6].AddStringList(j.Skills);
            w[7].AddString(j.Level);
            w[8].AddString(j.EmploymentType);
            w[9].AddBoolean(j.Remote);
            w[10].AddDecimal(j.SalaryMin);
            w[11].AddDecimal(j.SalaryMax);
            w[12].AddString(j.OnetCode);
            w[13].AddTimestamp(j.PostedAt);
            w[14].AddTimestamp(j.ClosesAt);
            w[15].AddString(j.Source);
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
        foreach (var (c, rows) in table.RowGroups(JobColumns.Select(s => s.Name).ToList()))
        {
            for (long r = 0; r < rows; r++)
            {
                yield return new JobPosting(Str(c["id"]), Str(c["title"]), Str(c["company"]), Str(c["location"]), Str(c["description"]))
                {
                    Region = Str(c["region"]),
                    Skills = c["skills"]?.NextStringList() ?? [],
                    Level = Str(c["level"]),
                    EmploymentType = Str(c["employment_type"]),
                    Remote = Bool(c["remote"], reader.FilePath),
                    SalaryMin = Decimal(c["salary_min"], reader.FilePath),
                    SalaryMax = Decimal(c["salary_max"], reader.FilePath),
                    OnetCode = Str(c["onet_code"]),
                    PostedAt = Time(c["posted_at"], reader.FilePath),
                    ClosesAt = Time(c["closes_at"], reader.FilePath),
                    Source = Str(c["source"]),
                };
            }
        }
    }

    /// <summary>Writes <paramref name="users"/> to <paramref name="output"/> (left open); returns the number of rows.</summary>
    public static long WriteUsers(Stream output, IEnumerable<UserProfile> users, ParquetWriteOptions? options = null)
    {
        using var w = new ParquetFileWriter(output, UserColumns, options);
        foreach (var u in users)
        {
            w[0].AddString(u.Id);
            w[1].AddString(u.ResumeText);
            w[2].AddString(u.Location);
            w[3].AddString(u.Region);
            w[4].AddStringList(u.PastTitles);
            w[5].AddStringList(u.DesiredTitles);
            w[6].AddStringList(u.Skills);
            w[7].AddDouble(u.YearsExperience);
            w[8].AddBoolean(u.WantsRemote);
            w[9].AddString(u.Source);
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
        foreach (var (c, rows) in table.RowGroups(UserColumns.Select(s => s.Name).ToList()))
        {
            for (long r = 0; r < rows; r++)
            {
                yield return new UserProfile(Str(c["id"]), Str(c["resume_text"]), Str(c["location"]))
                {
                    Region = Str(c["region"]),
                    PastTitles = c["past_titles"]?.NextStringList() ?? [],
                    DesiredTitles = c["desired_titles"]?.NextStringList() ?? [],
                    Skills = c["skills"]?.NextStringList() ?? [],
                    YearsExperience = c["years_experience"]?.NextValue() is { } years ? Convert.ToDouble(years, CultureInfo.InvariantCulture) : null,
                    WantsRemote = Bool(c["wants_remote"], reader.FilePath),
                    Source = Str(c["source"]),
                };
            }
        }
    }

    /// <summary>Writes <paramref name="interactions"/> to <paramref name="output"/> (left open); kinds are stored as "view", "save", "apply".</summary>
    public static long WriteInteractions(Stream output, IEnumerable<Interaction> interactions, ParquetWriteOptions? options = null)
    {
        using var w = new ParquetFileWriter(output, InteractionColumns, options);
        foreach (var i in interactions)
        {
            w[0].AddString(i.UserId);
            w[1].AddString(i.JobId);
            w[2].AddString(KindName(i.Kind));
            w[3].AddTimestamp(i.Time);
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
        table.Require("user_id", "job_id", "kind", "time");
        long row = 0;
        foreach (var (c, rows) in table.RowGroups(InteractionColumns.Select(s => s.Name).ToList()))
        {
            for (long r = 0; r < rows; r++, row++)
            {
                string user = Str(c["user_id"]);
                string job = Str(c["job_id"]);
                object? kind = c["kind"]!.NextValue();
                var time = Time(c["time"], reader.FilePath) ?? throw new ParquetFormatException(reader.FilePath, -1, $"row {row}: time is null");
                yield return new Interaction(user, job, ParseKind(kind, reader.FilePath, row), time);
            }
        }
    }

    /// <summary>Writes embeddings as <c>id</c> + <c>vector</c> (a LIST of required FLOATs, all of length <paramref name="dimension"/>).</summary>
    public static long WriteEmbeddings(Stream output, IEnumerable<JobEmbedding> embeddings, int dimension, ParquetWriteOptions? options = null)
    {
        options ??= ParquetWriteOptions.Default;
        options = options with { Metadata = new Dictionary<string, string>(options.Metadata) { ["jobrec.embedding.dimension"] = dimension.ToString(CultureInfo.InvariantCulture) } };
        ParquetColumnSpec[] columns = [new("id", ParquetValueKind.String), new("vector", ParquetValueKind.Float) { IsList = true }];
        using var w = new ParquetFileWriter(output, columns, options);
        foreach (var e in embeddings)
        {
            if (e.Vector.Length != dimension)
            {
                throw new ArgumentException($"embedding '{e.Id}' (row {w.RowCount}) has {e.Vector.Length} values, expected {dimension}", nameof(embeddings));
            }

            w[0].AddString(e.Id);
            w[1].AddFloatList(e.Vector);
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
        foreach (var (c, rows) in table.RowGroups(["id", "vector"]))
        {
            for (long r = 0; r < rows; r++)
            {
                yield return new JobEmbedding(Str(c["id"]), c["vector"]!.NextFloatList());
            }
        }
    }

    private static long WriteFile(string path, Func<Stream, long> write)
    {
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        return write(file);
    }

    private static string Str(TableColumnCursor? c) => c?.NextString() ?? "";

    private static bool Bool(TableColumnCursor? c, string file) => c?.NextValue() switch
    {
        null => false,
        bool b => b,
        string s => bool.TryParse(s, out bool v) ? v : throw new ParquetFormatException(file, -1, $"'{s}' is not a boolean"),
        { } other => Convert.ToInt64(other, CultureInfo.InvariantCulture) != 0,
    };

    private static decimal? Decimal(TableColumnCursor? c, string file) => c?.NextValue() switch
    {
        null => null,
        decimal d => d,
        string s => decimal.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out decimal v) ? v : throw new ParquetFormatException(file, -1, $"'{s}' is not a number"),
        { } other => Convert.ToDecimal(other, CultureInfo.InvariantCulture),
    };

    private static DateTimeOffset? Time(TableColumnCursor? c, string file) => c?.NextValue() switch
    {
        null => null,
        DateTimeOffset t => t,
        DateTime t => new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)),
        DateOnly d => new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
        string s => DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : throw new ParquetFormatException(file, -1, $"'{s}' is not a time"),
        { } other => throw new ParquetFormatException(file, -1, $"{other} ({other.GetType().Name}) is not a time"),
    };

    private static string KindName(InteractionKind kind) => kind switch
    {
        InteractionKind.View => "view",
        InteractionKind.Save => "save",
        InteractionKind.Apply => "apply",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown interaction kind"),
    };

    private static InteractionKind ParseKind(object? value, string file, long row) => value switch
    {
        string s when s.Equals("view", StringComparison.OrdinalIgnoreCase) => InteractionKind.View,
        string s when s.Equals("save", StringComparison.OrdinalIgnoreCase) => InteractionKind.Save,
        string s when s.Equals("apply", StringComparison.OrdinalIgnoreCase) => InteractionKind.Apply,
        int i when Enum.IsDefined((InteractionKind)i) => (InteractionKind)i,
        _ => throw new ParquetFormatException(file, -1, $"row {row}: interaction kind '{value}' is not view, save or apply"),
    };
}
