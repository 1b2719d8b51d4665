using JobRec.Hosting.Local;
using JobRec.Client;
using JobRec.Contracts.Benchmarks;

namespace JobRec.IntegrationTests.Cluster;

/// <summary>What the silo-process cluster tests share: the PostgreSQL server from JOBREC_PG (fails loudly when unset), cluster creation,
/// clients, and finding keys whose grains Orleans placed on a given silo.</summary>
internal static class ClusterProcessEnvironment
{
    /// <summary>Creates a cluster schema on the JOBREC_PG server; throws with instructions when JOBREC_PG is unset.</summary>
    public static Task<LocalSiloCluster> CreateClusterAsync()
    {
        var conn = Environment.GetEnvironmentVariable("JOBREC_PG");
        if (string.IsNullOrWhiteSpace(conn))
        {
            throw new InvalidOperationException("JOBREC_PG is not set: the silo cluster tests need a real PostgreSQL. Run `eval \"$(deploy/pg-local.sh start)\"` (deploy/test.sh does this) and run the tests again.");
        }

        return LocalSiloCluster.CreateAsync(conn);
    }

    /// <summary>Starts silos <paramref name="ids"/> one after another (each waits until it is an active member).</summary>
    public static async Task StartSilosAsync(LocalSiloCluster cluster, params string[] ids)
    {
        foreach (var id in ids)
        {
            await cluster.StartSiloAsync(id);
        }
    }

    /// <summary>A connected Orleans client over <paramref name="gateways"/> ("h:p,h:p") with the given call timeout.</summary>
    public static Task<JobRecClient> ClientAsync(string gateways, TimeSpan timeout) =>
        JobRecClient.ConnectAsync(gateways, o => o.ResponseTimeout = timeout);

    /// <summary>Increments fresh counters "<paramref name="prefix"/>-i" to 1 until one answers from <paramref name="siloId"/>; returns its key.</summary>
    public static async Task<string> KeyPlacedOnAsync(JobRecClient client, string siloId, string prefix)
    {
        for (var i = 0; i < 500; i++)
        {
            var key = $"{prefix}-{i}";
            if ((await client.GetGrain<ISequencedCounterGrain>(key).AddAsync(1)).Silo == siloId)
            {
                return key;
            }
        }

        throw new InvalidOperationException($"no counter of 500 was placed on silo {siloId}");
    }
}
