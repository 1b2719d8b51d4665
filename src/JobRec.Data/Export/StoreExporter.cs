using JobRec.Data.Parquet.Tables;
using JobRec.Data.Readers.JobRecCsv;

namespace JobRec.Data.Export;

/// <summary>Counts of what <see cref="StoreExporter.Export"/> wrote.</summary>
/// <param name="Jobs">Job rows.</param>
/// <param name="Users">User rows.</param>
/// <param name="Interactions">Interaction rows.</param>
public sealed record ExportResult(long Jobs, long Users, long Interactions);

/// <summary>Writes the jobs, users and interactions of an <see cref="EmbeddedStore"/> to a folder as Parquet (jobs/users/interactions.parquet, the <see cref="ParquetTables"/> schema) or CSV (the project's CSV layout), streaming.</summary>
public static class StoreExporter
{
    /// <summary>Exports <paramref name="store"/> to <paramref name="folder"/> (created when missing) in <paramref name="format"/> ("parquet" or "csv").</summary>
    /// <exception cref="ArgumentException">Unknown format.</exception>
    public static ExportResult Export(EmbeddedStore store, string folder, string format)
    {
        Directory.CreateDirectory(folder);
        switch (format)
        {
            case "parquet":
                return new ExportResult(
                    ParquetTables.WriteJobs(System.IO.Path.Combine(folder, "jobs.parquet"), store.Jobs()),
                    ParquetTables.WriteUsers(System.IO.Path.Combine(folder, "users.parquet"), store.Users()),
                    ParquetTables.WriteInteractions(System.IO.Path.Combine(folder, "interactions.parquet"), store.Interactions()));
            case "csv":
                long jobs = 0, users = 0, interactions = 0;
                using (var w = new JobRecCsvWriter(folder))
                {
                    foreach (var j in store.Jobs())
                    {
                        w.Write(j);
                        jobs++;
                    }

                    foreach (var u in store.Users())
                    {
                        w.Write(u);
                        users++;
                    }

                    foreach (var i in store.Interactions())
                    {
                        w.Write(i);
                        interactions++;
                    }
                }

                return new ExportResult(jobs, users, interactions);
            default:
                throw new ArgumentException($"unknown export format '{format}' (parquet or csv)", nameof(format));
        }
    }
}
