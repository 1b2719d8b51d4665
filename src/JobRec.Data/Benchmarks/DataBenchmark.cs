using System.Diagnostics;
using System.Globalization;
using JobRec.Data.Csv;
using JobRec.Data.Readers.LinkedIn;
using JobRec.Data.Reading;
using JobRec.Data.Synthetic;

namespace JobRec.Data.Benchmarks;

/// <summary>Measures LinkedIn-postings CSV reading (rows/s, parsed into <see cref="Model.JobPosting"/>) and synthetic job generation (jobs/s).</summary>
public static class DataBenchmark
{
    /// <summary>The measured numbers.</summary>
    /// <param name="CsvRows">Rows in the benchmark file.</param>
    /// <param name="CsvBytes">Size of the benchmark file.</param>
    /// <param name="CsvRowsPerSecond">Best of the runs.</param>
    /// <param name="GeneratedJobs">Jobs generated per run.</param>
    /// <param name="GenerateJobsPerSecond">Best of the runs.</param>
    public sealed record Result(long CsvRows, long CsvBytes, double CsvRowsPerSecond, int GeneratedJobs, double GenerateJobsPerSecond)
    {
        /// <summary>"data: csv_rows_per_s=N generate_jobs_per_s=N".</summary>
        public string SummaryLine => string.Create(CultureInfo.InvariantCulture, $"data: csv_rows_per_s={CsvRowsPerSecond:F0} generate_jobs_per_s={GenerateJobsPerSecond:F0}");
    }

    /// <summary>
    /// Writes a <c>linkedin_job_postings.csv</c> of <paramref name="rows"/> rows into <paramref name="folder"/>: the rows of
    /// <paramref name="sample"/> (a real file in the Kaggle layout) repeated with fresh job ids, or synthetic jobs in that layout when no sample is given.
    /// </summary>
    public static string WriteLinkedInFile(string folder, long rows, string? sample)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "linkedin_job_postings.csv");
        using var writer = CsvWriter.Create(path);
        string[] header = ["job_link", "last_processed_time", "got_summary", "got_ner", "is_being_worked", "job_title", "company", "job_location", "first_seen", "search_city", "search_country", "search_position", "job_level", "job_type"];
        writer.Row(header);
        var templates = new List<string[]>();
        if (sample is not null)
        {
            var report = new ReadReport();
            using var file = CsvFile.Open(sample, CsvOptions.Csv, report);
            var record = new CsvRecord();
            while (file.ReadRow(record, report) && templates.Count < 100_000) templates.Add(record.Fields.ToArray());
        }
        if (templates.Count == 0)
        {
            foreach (var j in SyntheticMarket.Generate(new SyntheticMarketOptions { Jobs = 5000, Users = 0, Seed = 1 }).Jobs())
            {
                templates.Add([$"https://www.linkedin.com/jobs/view/x-{j.Id}", "2024-01-21 07:12:29.00256+00", "t", "t", "f", j.Title, j.Company, j.Location,
                    j.PostedAt!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), j.Location.Split(',')[0], "United States", j.Title, "Mid senior", j.Remote ? "Remote" : "Onsite"]);
            }
        }
        for (long i = 0; i < rows; i++)
        {
            var t = templates[(int)(i % templates.Count)];
            var link = t[0];
            var cut = link.Length;
            while (cut > 0 && char.IsAsciiDigit(link[cut - 1])) cut--;
            writer.Field(string.Concat(link.AsSpan(0, cut), (4_000_000_000L + i).ToString(CultureInfo.InvariantCulture)));
            for (var c = 1; c < t.Length; c++) writer.Field(t[c]);
            writer.EndRow();
        }
        return path;
    }

    /// <summary>Reads the file fully <paramref name="runs"/> times with <see cref="LinkedIn2024Source"/>; returns rows and the best rows/s.</summary>
    public static (long Rows, double RowsPerSecond) MeasureCsv(string folder, int runs = 3)
    {
        var best = 0.0;
        long rows = 0;
        for (var run = 0; run < runs; run++)
        {
            var report = new ReadReport();
            var clock = Stopwatch.StartNew();
            long n = 0;
            foreach (var item in new LinkedIn2024Source([Path.Combine(folder, "linkedin_job_postings.csv")]).Read(report))
            {
                if (item.Job is not null) n++;
            }
            clock.Stop();
            if (report.Rejected > 0) throw new InvalidOperationException($"benchmark file had {report.Rejected} rejected rows: {report.Issues.FirstOrDefault()}");
            rows = n;
            best = Math.Max(best, n / clock.Elapsed.TotalSeconds);
        }
        return (rows, best);
    }

    /// <summary>Generates <paramref name="jobs"/> complete jobs (text included) <paramref name="runs"/> times; returns the best jobs/s.</summary>
    public static double MeasureGenerator(int jobs, int runs = 3)
    {
        var best = 0.0;
        for (var run = 0; run < runs; run++)
        {
            var market = SyntheticMarket.Generate(new SyntheticMarketOptions { Jobs = jobs, Users = 0, Seed = (ulong)run + 1 });
            var clock = Stopwatch.StartNew();
            long chars = 0;
            foreach (var j in market.Jobs()) chars += j.Description.Length;
            clock.Stop();
            if (chars == 0) throw new InvalidOperationException("generator produced no text");
            best = Math.Max(best, jobs / clock.Elapsed.TotalSeconds);
        }
        return best;
    }

    /// <summary>Runs both measurements in a temporary folder that is deleted afterwards.</summary>
    public static Result Run(long csvRows, int generatedJobs, string? sample, TextWriter? log = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "jobrec-bench-data-" + Guid.NewGuid().ToString("N"));
        try
        {
            var path = WriteLinkedInFile(folder, csvRows, sample);
            var bytes = new FileInfo(path).Length;
            log?.WriteLine($"csv: {csvRows:N0} rows, {bytes / 1e6:F1} MB ({(sample is null ? "synthetic rows" : "rows of " + sample)})");
            var (rows, rate) = MeasureCsv(folder);
            log?.WriteLine($"csv: LinkedIn2024Source read {rows:N0} rows at {rate:N0} rows/s ({rate * bytes / rows / 1e6:F0} MB/s), best of 3");
            var jobsPerSecond = MeasureGenerator(generatedJobs);
            log?.WriteLine($"generate: {generatedJobs:N0} jobs at {jobsPerSecond:N0} jobs/s, best of 3");
            return new Result(rows, bytes, rate, generatedJobs, jobsPerSecond);
        }
        finally
        {
            try { Directory.Delete(folder, true); } catch (IOException) { }
        }
    }
}
