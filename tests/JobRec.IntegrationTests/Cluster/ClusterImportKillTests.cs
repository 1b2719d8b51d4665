using JobRec.Data.Readers.LinkedIn;
using JobRec.Data.Synthetic;
using JobRec.Hosting.Local.Import;
using Xunit.Abstractions;
using static JobRec.IntegrationTests.Cluster.ClusterProcessEnvironment;

namespace JobRec.IntegrationTests.Cluster;

/// <summary>A LinkedIn-2024-format import into three silo processes on one PostgreSQL, one silo killed with SIGKILL once 40% of the jobs are
/// written (a batch in flight): the import completes on the survivors and every acknowledged job is stored and served
/// (<see cref="ClusterImportCheck"/>, as `deploy/cluster-import-check.sh` runs it).</summary>
public sealed class ClusterImportKillTests(ITestOutputHelper output)
{
    private const int Jobs = 6_000;

    [Fact]
    public async Task A_silo_killed_mid_import_loses_no_acknowledged_job()
    {
        var folder = Path.Combine(Path.GetTempPath(), "jobrec-cluster-import-" + Guid.NewGuid().ToString("N")[..12]);
        try
        {
            LinkedIn2024Writer.Write(SyntheticMarket.Generate(new SyntheticMarketOptions { Jobs = Jobs, Users = 10, Seed = 26 }).Jobs(), folder);
            await using var cluster = await CreateClusterAsync();
            await StartSilosAsync(cluster, "s1", "s2", "s3");
            await cluster.WaitForActiveAsync(["s1", "s2", "s3"], TimeSpan.FromSeconds(60));
            var log = new StringWriter();
            var result = await ClusterImportCheck.RunAsync(cluster, new LinkedIn2024Source([folder]),
                new ClusterImportCheckOptions { ExpectedJobs = Jobs, KillAt = 0.4, BatchSize = 500 }, log);
            output.WriteLine(log.ToString());
            output.WriteLine(result.SummaryLine);

            var victim = Assert.Single(cluster.Silos, s => s.SiloId == result.Killed);
            var v = cluster.Silos.ToList().IndexOf(victim);
            Assert.True(victim.HasExited, "the victim still runs");
            Assert.InRange(result.KilledAfterJobs, 1, Jobs - 1); // killed mid-import, not before or after it
            Assert.True(result.DeclaredDeadSeconds > 0, "the victim was never declared dead");
            Assert.True(result.ShardsBeforeKill[v] > 0, $"the victim held no index shard before the kill: {result.SummaryLine}");
            Assert.Null(result.Error);
            Assert.Equal(Jobs, result.Jobs);
            Assert.Equal(Jobs, result.Acknowledged);
            Assert.Equal(0, result.Lost);
            Assert.Equal(Jobs, result.ServedChecked); // every acknowledged id was read back through the cluster
            Assert.Equal(Jobs, result.Indexed);
            Assert.Equal(Jobs, result.Stored);
            Assert.Equal(0, result.ShardsPerSilo[v]);
            Assert.Equal(result.ShardsBeforeKill.Sum(), result.ShardsPerSilo.Sum()); // the victim's shards re-activated on the survivors
            Assert.True(result.Passed, result.SummaryLine);

            // Independently of the check: PostgreSQL holds each job's shard entry once.
            await using var count = cluster.DataSource.CreateCommand("SELECT count(*), count(DISTINCT job_id) FROM jobrec_shard_entry;");
            await using var reader = await count.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync());
            Assert.Equal(Jobs, reader.GetInt64(0));
            Assert.Equal(Jobs, reader.GetInt64(1));
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}
