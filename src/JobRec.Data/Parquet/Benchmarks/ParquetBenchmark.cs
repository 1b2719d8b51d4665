using System.Diagnostics;
using System.Globalization;
using System.Text;
using JobRec.Data.Model;
using JobRec.Data.Parquet.Reading;
using JobRec.Data.Parquet.Tables;
using JobRec.Data.Parquet.Writing;

namespace JobRec.Data.Parquet.Benchmarks;

/// <summary>Result of <see cref="ParquetBenchmark.Run"/>: sizes, timings and the derived throughputs.</summary>
/// <param name="Rows">Rows in the table.</param>
/// <param name="ParquetBytes">Size of the Parquet file.</param>
/// <param name="CsvBytes">Size of the same table as RFC 4180 CSV.</param>
/// <param name="UncompressedColumnBytes">Sum of the column chunks' uncompressed (encoded, before compression) sizes.</param>
/// <param name="WriteSeconds">Time to write the Parquet file from generated records (generation excluded).</param>
/// <param name="ReadSeconds">Time to read the file back into <see cref="JobPosting"/> records.</param>
/// <param name="ReadCpuSeconds">Process CPU time spent reading (what the read costs on a busy machine).</param>
public sealed record ParquetBenchmarkResult(long Rows, long ParquetBytes, long CsvBytes, long UncompressedColumnBytes, double WriteSeconds, double ReadSeconds, double ReadCpuSeconds)
{
    /// <summary>Uncompressed column data written per second, in MB (10^6 bytes).</summary>
    public double WriteMBPerSecond => UncompressedColumnBytes / 1e6 / WriteSeconds;

    /// <summary>Uncompressed column data read (decompressed, decoded and materialised as records) per second, in MB.</summary>
    public double ReadMBPerSecond => UncompressedColumnBytes / 1e6 / ReadSeconds;

    /// <summary>How many times larger the CSV is than the Parquet file.</summary>
    public double CsvOverParquet => (double)CsvBytes / ParquetBytes;

    /// <summary>The benchmark's last line: <c>parquet_bench: write_mb_per_s=.. read_mb_per_s=.. csv_bytes_over_parquet_bytes=..</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"parquet_bench: write_mb_per_s={WriteMBPerSecond:F1} read_mb_per_s={ReadMBPerSecond:F1} csv_bytes_over_parquet_bytes={CsvOverParquet:F2}");
}

/// <summary>Writes a synthetic jobs table with the Parquet writer, reads it back, and compares its size with the same table as CSV.</summary>
public static class ParquetBenchmark
{
    /// <summary>Runs the benchmark on <paramref name="rows"/> generated jobs in <paramref name="directory"/>, reporting progress to <paramref name="log"/>.</summary>
    public static ParquetBenchmarkResult Run(int rows, string directory, ParquetWriteOptions options, Action<string> log, bool keepFile = false)
    {
        Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, $"jobs-bench-{rows}.parquet");
        log($"writing {rows:N0} generated jobs as parquet");
        var sw = new Stopwatch();
        ParquetTables.WriteJobs(path, Timed(SyntheticJobTable.Generate(rows), sw), options);
        double writeSeconds = sw.Elapsed.TotalSeconds;
        long parquetBytes = new FileInfo(path).Length;

        log("measuring the same table as CSV");
        long csvBytes = CsvSize(SyntheticJobTable.Generate(rows));

        long uncompressed;
        using (var reader = ParquetFileReader.Open(path))
        {
            uncompressed = reader.GetUncompressedColumnBytes();
        }

        log("reading parquet");
        var cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
        sw.Restart();
        long read = 0;
        long check = 0;
        foreach (var job in ParquetTables.ReadJobs(path))
        {
            read++;
            check += job.Description.Length + job.Skills.Count;
        }

        double readSeconds = sw.Elapsed.TotalSeconds;
        double readCpu = (System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        if (read != rows || check == 0)
        {
            throw new InvalidOperationException($"read {read} rows back, wrote {rows}");
        }

        if (!keepFile)
        {
            File.Delete(path);
        }

        return new ParquetBenchmarkResult(rows, parquetBytes, csvBytes, uncompressed, writeSeconds, readSeconds, readCpu);
    }

    // Runs the stopwatch only while the consumer (the writer) works, not while the generator makes the next record.
    private static IEnumerable<JobPosting> Timed(IEnumerable<JobPosting> source, Stopwatch sw)
    {
        using var e = source.GetEnumerator();
        while (true)
        {
            sw.Stop();
            bool more = e.MoveNext();
            sw.Start();
            if (!more)
            {
                yield break;
            }

            yield return e.Current;
        }
    }

    /// <summary>Bytes of <paramref name="jobs"/> as UTF-8 RFC 4180 CSV with a header and the same columns as the Parquet table.</summary>
    public static long CsvSize(IEnumerable<JobPosting> jobs)
    {
        long bytes = Utf8("id,title,company,location,description,region,skills,level,employment_type,remote,salary_min,salary_max,onet_code,posted_at,closes_at,source\r\n");
        foreach (var j in jobs)
        {
            bytes += Field(j.Id) + Field(j.Title) + Field(j.Company) + Field(j.Location) + Field(j.Description) + Field(j.Region)
                + Field(string.Join(';', j.Skills)) + Field(j.Level) + Field(j.EmploymentType) + Field(j.Remote ? "true" : "false")
                + Field(j.SalaryMin?.ToString(CultureInfo.InvariantCulture) ?? "") + Field(j.SalaryMax?.ToString(CultureInfo.InvariantCulture) ?? "")
                + Field(j.OnetCode) + Field(j.PostedAt?.ToString("O", CultureInfo.InvariantCulture) ?? "") + Field(j.ClosesAt?.ToString("O", CultureInfo.InvariantCulture) ?? "")
                + Field(j.Source) + 1; // each field counted one separator; CRLF takes one byte more
        }

        return bytes;
    }

    private static long Utf8(string s) => Encoding.UTF8.GetByteCount(s);

    // The field's bytes plus its separator; quoted (with doubled quotes) when it holds a comma, quote or line break.
    private static long Field(string s)
    {
        bool quote = s.AsSpan().IndexOfAny(",\"\r\n") >= 0;
        long n = Utf8(s) + 1;
        if (quote)
        {
            n += 2 + s.Count(c => c == '"');
        }

        return n;
    }
}
