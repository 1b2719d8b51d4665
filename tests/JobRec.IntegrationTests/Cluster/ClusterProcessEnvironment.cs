using JobRec.Actors.Benchmarks;
using JobRec.Cli.Cluster;
using JobRec.Client;

namespace JobRec.IntegrationTests.Cluster;

/// <summary>What the silo-process cluster tests share: the PostgreSQL server from JOBREC_PG (fails loudly when unset), cluster creation, and clients pinned to one gateway.</summary>
internal static class ClusterProcessEnvironment
{
    /// <summary>The grain type name of the sequenced counter, for partition look-ups.</summary>
    public static readonly string CounterType = typeof(SequencedCounterGrain).FullName!;

    /// <summary>Creates a cluster schema on the JOBREC_PG server; throws with instructions when JOBREC_PG is unset.</summary>
    public static Task<LocalSiloCluster> CreateClusterAsync(int partitions, TimeSpan lease)
    {
        var conn = Environment.GetEnvironmentVariable("JOBREC_PG");
        if (string.IsNullOrWhiteSpace(conn))
        {
            throw new InvalidOperationException("JOBREC_PG is not set: the silo cluster tests need a real PostgreSQL. Run `eval \"$(deploy/pg-local.sh start)\"` (deploy/test.sh does this) and run the tests again.");
        }

        return LocalSiloCluster.CreateAsync(conn, partitions, lease);
    }

    /// <summary>Starts silos <paramref name="ids"/> one after another (each waits for its first lease cycle).</summary>
    public static async Task StartSilosAsync(LocalSiloCluster cluster, params string[] ids)
    {
        foreach (var id in ids)
        {
            await cluster.StartSiloAsync(id);
        }
    }

    /// <summary>A connected client whose first gateway is <paramref name="gateway"/>; <paramref name="learn"/> lets it learn and fail over to the others.</summary>
    public static Task<JobRecClient> ClientAsync(string gateway, bool learn, TimeSpan timeout) =>
        JobRecClient.ConnectAsync(gateway, o =>
        {
            o.LearnGateways = learn;
            o.ResponseTimeout = timeout;
            o.ConnectTimeout = TimeSpan.FromSeconds(3);
        });

    /// <summary>A key whose counter grain hashes into a partition owned by <paramref name="owner"/> in <paramref name="owners"/>.</summary>
    public static string KeyOwnedBy(LocalSiloCluster cluster, string?[] owners, string owner, string prefix)
    {
        for (var i = 0; ; i++)
        {
            var key = $"{prefix}-{i}";
            if (owners[cluster.PartitionOf(CounterType, key)] == owner)
            {
                return key;
            }
        }
    }
}
