using System.Globalization;
using JobRec.Data.Csv;
using JobRec.Data.Readers.CareerBuilder;
using JobRec.Data.Readers.JobRecCsv;

namespace JobRec.Data.Synthetic;

/// <summary>Writes a synthetic market to disk, streaming, in the project's CSV layout or the CareerBuilder 2012 TSV layout.</summary>
public static class SyntheticMarketWriter
{
    /// <summary>Writes jobs.csv, users.csv, interactions.csv, future_interactions.csv, occupations.csv (<see cref="JobRecCsvLayout"/>); <paramref name="progress"/> gets a count per row.</summary>
    public static void WriteCsv(SyntheticMarket market, string folder, Action<long>? progress = null)
    {
        using var w = new JobRecCsvWriter(folder);
        foreach (var o in market.Occupations()) w.Write(o);
        foreach (var j in market.Jobs()) { w.Write(j); progress?.Invoke(1); }
        foreach (var u in market.Users()) { w.Write(u); progress?.Invoke(1); }
        var end = market.TrainEnd;
        for (var u = 0; u < market.Options.Users; u++)
        {
            foreach (var i in market.InteractionsOf(u)) { w.Write(i, future: i.Time >= end); progress?.Invoke(1); }
        }
    }

    /// <summary>Writes jobs.parquet, users.parquet, interactions.parquet and future_interactions.parquet (<see cref="Parquet.Tables.ParquetTables"/> schema).</summary>
    public static void WriteParquet(SyntheticMarket market, string folder, Action<long>? progress = null)
    {
        Directory.CreateDirectory(folder);
        Parquet.Tables.ParquetTables.WriteJobs(Path.Combine(folder, "jobs.parquet"), Counted(market.Jobs(), progress));
        Parquet.Tables.ParquetTables.WriteUsers(Path.Combine(folder, "users.parquet"), Counted(market.Users(), progress));
        Parquet.Tables.ParquetTables.WriteInteractions(Path.Combine(folder, "interactions.parquet"), Counted(market.TrainInteractions(), progress));
        Parquet.Tables.ParquetTables.WriteInteractions(Path.Combine(folder, "future_interactions.parquet"), Counted(market.FutureInteractions(), progress));
    }

    private static IEnumerable<T> Counted<T>(IEnumerable<T> items, Action<long>? progress)
    {
        foreach (var item in items)
        {
            progress?.Invoke(1);
            yield return item;
        }
    }

    /// <summary>
    /// Writes the CareerBuilder 2012 layout (one window): jobs.tsv, users.tsv, user_history.tsv, apps.tsv (applies only;
    /// Split "Train" before the train end, "Test" after) and window_dates.tsv. Ids are the entity indices + 1.
    /// </summary>
    public static void WriteCareerBuilder(SyntheticMarket market, string folder, Action<long>? progress = null)
    {
        Directory.CreateDirectory(folder);
        using (var jobs = CsvWriter.Create(Path.Combine(folder, "jobs.tsv"), tsv: true))
        {
            jobs.Row(CareerBuilderSource.JobColumns);
            var index = 0;
            foreach (var j in market.Jobs())
            {
                var comma = j.Location.LastIndexOf(',');
                jobs.Row((++index).ToString(CultureInfo.InvariantCulture), "1", j.Title, j.Description, string.Join(", ", j.Skills),
                    comma > 0 ? j.Location[..comma] : j.Location, j.Region, "US", "", Time(j.PostedAt), Time(j.ClosesAt));
                progress?.Invoke(1);
            }
        }
        using (var users = CsvWriter.Create(Path.Combine(folder, "users.tsv"), tsv: true))
        using (var history = CsvWriter.Create(Path.Combine(folder, "user_history.tsv"), tsv: true))
        {
            users.Row(CareerBuilderSource.UserColumns);
            history.Row(CareerBuilderSource.HistoryColumns);
            var index = 0;
            foreach (var u in market.Users())
            {
                var id = (++index).ToString(CultureInfo.InvariantCulture);
                var comma = u.Location.LastIndexOf(',');
                var years = u.YearsExperience ?? 0;
                users.Row(id, "1", "Train", comma > 0 ? u.Location[..comma] : u.Location, u.Region, "US", "", years >= 4 ? "Bachelor's" : "High School", "",
                    "", u.PastTitles.Count.ToString(CultureInfo.InvariantCulture), ((int)years).ToString(CultureInfo.InvariantCulture), "Yes", years >= 8 ? "Yes" : "No", years >= 8 ? "3" : "0");
                for (var s = 0; s < u.PastTitles.Count; s++) history.Row(id, "1", "Train", (s + 1).ToString(CultureInfo.InvariantCulture), u.PastTitles[s]);
                progress?.Invoke(1);
            }
        }
        using (var apps = CsvWriter.Create(Path.Combine(folder, "apps.tsv"), tsv: true))
        {
            apps.Row(CareerBuilderSource.AppColumns);
            var end = market.TrainEnd;
            for (var u = 0; u < market.Options.Users; u++)
            {
                foreach (var i in market.InteractionsOf(u))
                {
                    if (i.Kind != Model.InteractionKind.Apply) continue;
                    apps.Row((u + 1).ToString(CultureInfo.InvariantCulture), "1", i.Time >= end ? "Test" : "Train", Time(i.Time), (int.Parse(i.JobId.AsSpan(5), CultureInfo.InvariantCulture) + 1).ToString(CultureInfo.InvariantCulture));
                    progress?.Invoke(1);
                }
            }
        }
        using var windows = CsvWriter.Create(Path.Combine(folder, "window_dates.tsv"), tsv: true);
        windows.Row(CareerBuilderSource.WindowColumns);
        windows.Row("1", Time(market.Options.Start), Time(market.TrainEnd), Time(market.End));
    }

    private static string Time(DateTimeOffset? t) => t?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture) ?? "";
}
