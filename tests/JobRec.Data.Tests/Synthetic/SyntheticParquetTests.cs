using JobRec.Data.Readers.ParquetTables;
using JobRec.Data.Reading;
using JobRec.Data.Synthetic;
using JobRec.Data.Tests.Readers;

namespace JobRec.Data.Tests.Synthetic;

public class SyntheticParquetTests
{
    [Fact]
    public void Parquet_layout_round_trips_through_the_parquet_table_source()
    {
        using var temp = new TempFolder();
        var market = SyntheticMarket.Generate(new SyntheticMarketOptions { Jobs = 250, Users = 80, Seed = 3 });
        SyntheticMarketWriter.WriteParquet(market, temp.Path);
        var source = new ParquetTableSource([temp.Path]);
        var r = ReadResult.Of(source);
        Assert.Empty(r.Report.Issues);
        Assert.Equal(market.Jobs().Select(j => (j.Id, j.Title, j.Description, j.Region)), r.Jobs.Select(j => (j.Id, j.Title, j.Description, j.Region)));
        Assert.Equal(market.Jobs().Select(j => string.Join('|', j.Skills)), r.Jobs.Select(j => string.Join('|', j.Skills)));
        Assert.Equal(market.Users().Select(u => (u.Id, u.ResumeText)), r.Users.Select(u => (u.Id, u.ResumeText)));
        Assert.Equal(market.TrainInteractions().Select(i => (i.UserId, i.JobId, i.Kind)), r.Interactions.Select(i => (i.UserId, i.JobId, i.Kind)));
        Assert.Equal(market.FutureInteractions().Count(), source.ReadFutureInteractions(new ReadReport()).Count());
    }

    [Fact]
    public void A_file_of_random_bytes_is_reported_not_thrown()
    {
        using var temp = new TempFolder();
        var bytes = new byte[100_000];
        new Random(5).NextBytes(bytes);
        temp.File("jobs.parquet", bytes);
        var r = ReadResult.Of(new ParquetTableSource([temp.Path]));
        Assert.Empty(r.Jobs);
        var issue = Assert.Single(r.Report.Issues);
        Assert.Equal("jobs.parquet", issue.File);
    }
}
