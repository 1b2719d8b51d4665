using System.Diagnostics;
using JobRec.Data.Model;
using JobRec.Data.Reading;

namespace JobRec.Data.Import;

/// <summary>Reads a source and writes its items to a sink in batches, reporting progress; bad rows are skipped and reported, never thrown.</summary>
public static class IngestPipeline
{
    /// <summary>Imports everything <paramref name="source"/> yields into <paramref name="sink"/> and returns the report.</summary>
    public static async Task<IngestReport> RunAsync(IDataSource source, IIngestSink sink, IngestOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new IngestOptions();
        var report = new ReadReport(options.MaxRejectsShown);
        var clock = Stopwatch.StartNew();
        var jobs = new List<JobPosting>(options.BatchSize);
        var users = new List<UserProfile>(options.BatchSize);
        var interactions = new List<Interaction>(options.BatchSize);
        var occupations = new List<Occupation>(options.BatchSize);
        var skills = new List<Skill>(options.BatchSize);
        long imported = 0, created = 0;
        long nJobs = 0, nUsers = 0, nInteractions = 0, nOccupations = 0, nSkills = 0;
        var nextProgress = options.ProgressInterval;

        async Task FlushAsync()
        {
            // Parents before children: interactions refer to jobs and users already written.
            if (occupations.Count > 0) { created += await sink.UpsertOccupationsAsync(occupations.ToArray(), cancellationToken); occupations.Clear(); }
            if (skills.Count > 0) { created += await sink.UpsertSkillsAsync(skills.ToArray(), cancellationToken); skills.Clear(); }
            if (jobs.Count > 0) { created += await sink.UpsertJobsAsync(jobs.ToArray(), cancellationToken); jobs.Clear(); }
            if (users.Count > 0) { created += await sink.UpsertUsersAsync(users.ToArray(), cancellationToken); users.Clear(); }
            if (interactions.Count > 0) { created += await sink.AddInteractionsAsync(interactions.ToArray(), cancellationToken); interactions.Clear(); }
        }

        foreach (var item in source.Read(report, cancellationToken))
        {
            imported++;
            if (item.Job is { } j) { jobs.Add(j); nJobs++; }
            else if (item.User is { } u) { users.Add(u); nUsers++; }
            else if (item.Interaction is { } i) { interactions.Add(i); nInteractions++; }
            else if (item.Occupation is { } o) { occupations.Add(o); nOccupations++; }
            else if (item.Skill is { } s) { skills.Add(s); nSkills++; }
            else imported--;
            if (jobs.Count >= options.BatchSize || users.Count >= options.BatchSize || interactions.Count >= options.BatchSize
                || occupations.Count >= options.BatchSize || skills.Count >= options.BatchSize)
            {
                await FlushAsync();
            }
            if (options.Progress is not null && clock.Elapsed >= nextProgress)
            {
                nextProgress = clock.Elapsed + options.ProgressInterval;
                options.Progress.Report(new IngestProgress(source.Name, report.Read, report.Rejected, imported, clock.Elapsed, false));
            }
        }
        await FlushAsync();
        await sink.FlushAsync(cancellationToken);
        clock.Stop();
        options.Progress?.Report(new IngestProgress(source.Name, report.Read, report.Rejected, imported, clock.Elapsed, true));
        return new IngestReport
        {
            Source = source.Name,
            Read = report.Read,
            Imported = imported,
            Rejected = report.Rejected,
            FileProblems = report.FileProblems,
            Created = created,
            ImportedByKind = new Dictionary<string, long>
            {
                ["jobs"] = nJobs, ["users"] = nUsers, ["interactions"] = nInteractions, ["occupations"] = nOccupations, ["skills"] = nSkills,
            },
            Issues = report.Issues,
            CutOff = report.CutOff,
            Elapsed = clock.Elapsed,
        };
    }
}
