using JobRec.Data.Model;
using JobRec.Data.Readers.Arshkon;
using JobRec.Data.Readers.CareerBuilder;
using JobRec.Data.Readers.Dice;
using JobRec.Data.Readers.JobRecCsv;
using JobRec.Data.Readers.LinkedIn;

namespace JobRec.Data.Reading;

/// <summary>Loads the job postings of a folder in any format the data readers know (generated CSV, LinkedIn 2024, arshkon, Dice, CareerBuilder).</summary>
public static class JobCorpus
{
    /// <summary>All jobs found under <paramref name="directory"/>, de-duplicated by id; per-source counts and the first bad rows (file:line) go to <paramref name="log"/>.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    public static IReadOnlyList<JobPosting> Load(string directory, Action<string>? log = null, int maxJobs = int.MaxValue)
    {
        if (!Directory.Exists(directory)) throw new DirectoryNotFoundException($"job data folder not found: {directory}");
        string[] paths = [directory];
        IDataSource[] sources =
        [
            new JobRecCsvSource(paths), new LinkedIn2024Source(paths), new ArshkonPostingsSource(paths),
            new DiceSource(paths), new CareerBuilderSource(paths),
        ];
        var jobs = new List<JobPosting>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var source in sources)
        {
            // Each source reports a file problem when its files are absent; only real row problems go to the caller's report.
            var local = new ReadReport();
            foreach (var item in source.Read(local))
            {
                if (item.Job is { } job && seen.Add(job.Id)) jobs.Add(job);
                if (jobs.Count >= maxJobs) break;
            }
            if (local.Read > 0)
            {
                log?.Invoke($"{source.Name}: {local.Read} rows read, {local.Rejected} rejected");
                foreach (var issue in local.Issues) log?.Invoke($"  {issue}");
            }
            if (jobs.Count >= maxJobs) break;
        }
        return jobs;
    }
}
