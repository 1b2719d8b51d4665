using System.Globalization;
using JobRec.Data.Csv;
using JobRec.Data.Model;

namespace JobRec.Data.Readers.JobRecCsv;

/// <summary>Writes domain items in <see cref="JobRecCsvLayout"/> into a folder, one file per kind.</summary>
public sealed class JobRecCsvWriter : IDisposable
{
    private readonly string _folder;
    private CsvWriter? _jobs, _users, _interactions, _future, _occupations;

    /// <summary>Creates the folder when needed; files are created on first write.</summary>
    public JobRecCsvWriter(string folder)
    {
        _folder = folder;
        Directory.CreateDirectory(folder);
    }

    /// <summary>Writes one job.</summary>
    public void Write(JobPosting j)
    {
        _jobs ??= Open("jobs.csv", JobRecCsvLayout.JobColumns);
        _jobs.Row(j.Id, j.Title, j.Company, j.Location, j.Region, j.Description, List(j.Skills), j.Level, j.EmploymentType, j.Remote ? "true" : "false",
            Number(j.SalaryMin), Number(j.SalaryMax), j.OnetCode, Time(j.PostedAt), Time(j.ClosesAt), j.Source);
    }

    /// <summary>Writes one user.</summary>
    public void Write(UserProfile u)
    {
        _users ??= Open("users.csv", JobRecCsvLayout.UserColumns);
        _users.Row(u.Id, u.ResumeText, u.Location, u.Region, List(u.PastTitles), List(u.DesiredTitles), List(u.Skills),
            u.YearsExperience?.ToString(CultureInfo.InvariantCulture), u.WantsRemote ? "true" : "false", u.Source);
    }

    /// <summary>Writes one interaction to interactions.csv, or to future_interactions.csv when <paramref name="future"/>.</summary>
    public void Write(Interaction i, bool future = false)
    {
        var w = future ? _future ??= Open("future_interactions.csv", JobRecCsvLayout.InteractionColumns)
                       : _interactions ??= Open("interactions.csv", JobRecCsvLayout.InteractionColumns);
        w.Row(i.UserId, i.JobId, i.Kind.ToString().ToLowerInvariant(), Time(i.Time));
    }

    /// <summary>Writes one occupation.</summary>
    public void Write(Occupation o)
    {
        _occupations ??= Open("occupations.csv", JobRecCsvLayout.OccupationColumns);
        _occupations.Row(o.Code, o.Title, o.Description, List(o.AlternateTitles), o.Taxonomy);
    }

    private CsvWriter Open(string name, string[] columns)
    {
        var w = CsvWriter.Create(Path.Combine(_folder, name));
        w.Row(columns);
        return w;
    }

    private static string List(IReadOnlyList<string> items) => string.Join(JobRecCsvLayout.ListSeparator, items);

    private static string Number(decimal? d) => d?.ToString(CultureInfo.InvariantCulture) ?? "";

    private static string Time(DateTimeOffset? t) => t?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "";

    /// <inheritdoc />
    public void Dispose()
    {
        _jobs?.Dispose();
        _users?.Dispose();
        _interactions?.Dispose();
        _future?.Dispose();
        _occupations?.Dispose();
    }
}
