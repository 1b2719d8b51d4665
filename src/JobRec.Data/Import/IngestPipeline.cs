using System.Diagnostics;
using JobRec.Data.Model;
using JobRec.Data.Reading;

namespace JobRec.Data.Import;

/// <summary>Reads a source and writes its items to a sink in batches, reporting progress; bad rows are skipped and reported, never thrown.
/// One batch is written while the next is read (never two written at once, so parents still land before the children of later
/// batches); with <see cref="IngestOptions.CheckpointPath"/> the import is resumable.</summary>
public static class IngestPipeline
{
    /// <summary>Imports everything <paramref name="source"/> yields into <paramref name="sink"/> and returns the report.</summary>
    /// <exception cref="InvalidOperationException">The checkpoint file belongs to another source.</exception>
    public static async Task<IngestReport> RunAsync(IDataSource source, IIngestSink sink, IngestOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new IngestOptions();
        var report = new ReadReport(options.MaxRejectsShown);
        var clock = Stopwatch.StartNew();
        var batch = new Batch(options.BatchSize);
        long imported = 0, created = 0, position = 0;
        long nJobs = 0, nUsers = 0, nInteractions = 0, nOccupations = 0, nSkills = 0;
        var nextProgress = options.ProgressInterval;
        var skip = 0L;
        if (options.CheckpointPath is { } checkpointPath && IngestCheckpoint.Load(checkpointPath) is { } checkpoint)
        {
            if (checkpoint.Source != source.Name)
            {
                throw new InvalidOperationException($"{checkpointPath}: checkpoint of source '{checkpoint.Source}', not '{source.Name}'; remove it to start over");
            }

            skip = checkpoint.Items;
        }

        Task<long> writing = Task.FromResult(0L);
        var writingUpTo = skip;

        // Waits for the batch being written, records the checkpoint it reached, then starts writing this one.
        async Task SubmitAsync(Batch full, long upTo)
        {
            created += await writing;
            Save(options, source.Name, writingUpTo);
            writing = full.WriteAsync(sink, cancellationToken);
            writingUpTo = upTo;
        }

        IngestProgress Snapshot(bool done) => new(source.Name, report.Read, report.Rejected, imported, clock.Elapsed, done)
        {
            Jobs = nJobs,
            ExpectedItems = options.ExpectedItems,
            Skipped = skip,
        };

        foreach (var item in source.Read(report, cancellationToken))
        {
            if (++position <= skip)
            {
                continue; // written before the interruption
            }

            imported++;
            if (item.Job is { } j) { batch.Jobs.Add(j); nJobs++; }
            else if (item.User is { } u) { batch.Users.Add(u); nUsers++; }
            else if (item.Interaction is { } i) { batch.Interactions.Add(i); nInteractions++; }
            else if (item.Occupation is { } o) { batch.Occupations.Add(o); nOccupations++; }
            else if (item.Skill is { } s) { batch.Skills.Add(s); nSkills++; }
            else imported--;
            if (batch.IsFull)
            {
                await SubmitAsync(batch, position);
                batch = new Batch(options.BatchSize);
            }
            if (options.Progress is not null && clock.Elapsed >= nextProgress)
            {
                nextProgress = clock.Elapsed + options.ProgressInterval;
                options.Progress.Report(Snapshot(false));
            }
        }
        await SubmitAsync(batch, position);
        created += await writing;
        await sink.FlushAsync(cancellationToken);
        if (options.CheckpointPath is { } done && File.Exists(done))
        {
            File.Delete(done);
        }

        clock.Stop();
        options.Progress?.Report(Snapshot(true));
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

    private static void Save(IngestOptions options, string source, long items)
    {
        if (options.CheckpointPath is { } path && items > 0)
        {
            new IngestCheckpoint(source, items).Save(path);
        }
    }

    /// <summary>Items collected for one write.</summary>
    private sealed class Batch(int size)
    {
        public List<JobPosting> Jobs { get; } = new(Math.Min(size, 4096));
        public List<UserProfile> Users { get; } = [];
        public List<Interaction> Interactions { get; } = [];
        public List<Occupation> Occupations { get; } = [];
        public List<Skill> Skills { get; } = [];

        public bool IsFull => Jobs.Count >= size || Users.Count >= size || Interactions.Count >= size || Occupations.Count >= size || Skills.Count >= size;

        /// <summary>Parents before children: interactions refer to jobs and users already written.</summary>
        public async Task<long> WriteAsync(IIngestSink sink, CancellationToken cancellationToken)
        {
            long created = 0;
            if (Occupations.Count > 0) created += await sink.UpsertOccupationsAsync(Occupations, cancellationToken).ConfigureAwait(false);
            if (Skills.Count > 0) created += await sink.UpsertSkillsAsync(Skills, cancellationToken).ConfigureAwait(false);
            if (Jobs.Count > 0) created += await sink.UpsertJobsAsync(Jobs, cancellationToken).ConfigureAwait(false);
            if (Users.Count > 0) created += await sink.UpsertUsersAsync(Users, cancellationToken).ConfigureAwait(false);
            if (Interactions.Count > 0) created += await sink.AddInteractionsAsync(Interactions, cancellationToken).ConfigureAwait(false);
            return created;
        }
    }
}
