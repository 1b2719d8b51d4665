using System.Globalization;

namespace JobRec.Hosting.Local.Import;

/// <summary>What <see cref="ClusterImportCheck"/> found.</summary>
/// <param name="Jobs">Jobs the source yielded to the import.</param>
/// <param name="Acknowledged">Distinct job ids whose batch the cluster acknowledged.</param>
/// <param name="Stored">Job grain states in PostgreSQL after the import.</param>
/// <param name="Indexed">Jobs the index shards held after the import (sum over shards, as the cluster serves them).</param>
/// <param name="Lost">Acknowledged ids missing from the job states, the shard entries, or (for the ids read back) the cluster's answers.</param>
/// <param name="ServedChecked">Acknowledged ids read back through the cluster (job grain and shard).</param>
/// <param name="Seconds">Wall seconds of the import (first read to last acknowledgement).</param>
/// <param name="SiloMaxRssMb">Peak resident memory of each silo in start order (a killed silo's as read just before the kill).</param>
/// <param name="ShardsPerSilo">Index shard activations per silo in start order after the import (the killed silo holds 0).</param>
/// <param name="ShardsBeforeKill">Index shard activations per silo just before the kill (empty when none was killed).</param>
/// <param name="Killed">The silo killed with SIGKILL, or null.</param>
/// <param name="KilledAfterJobs">Jobs the sink had written when the kill was sent.</param>
/// <param name="DeclaredDeadSeconds">Seconds from the kill until the membership table marked the killed silo dead (0 when none was killed).</param>
/// <param name="Retries">Grain calls retried after a transient failure, plus whole batches written again.</param>
/// <param name="Error">Why the import stopped before its end, or null when it completed.</param>
public sealed record ClusterImportCheckResult(long Jobs, long Acknowledged, long Stored, long Indexed, long Lost, long ServedChecked, double Seconds,
    IReadOnlyList<long> SiloMaxRssMb, IReadOnlyList<int> ShardsPerSilo, IReadOnlyList<int> ShardsBeforeKill, string? Killed, long KilledAfterJobs,
    double DeclaredDeadSeconds, long Retries, string? Error)
{
    /// <summary>Whether the import completed (so every batch was acknowledged) and every acknowledged job is stored and served.</summary>
    public bool Passed => Error is null && Lost == 0;

    /// <summary><c>cluster-import: jobs=.. acknowledged=.. stored=.. lost=.. jobs_per_s=.. silo_max_rss_mb=a,b,c shards_per_silo=x,y,z ...</c></summary>
    public string SummaryLine => string.Create(CultureInfo.InvariantCulture,
        $"cluster-import: jobs={Jobs} acknowledged={Acknowledged} stored={Stored} lost={Lost} jobs_per_s={(Seconds > 0 ? Acknowledged / Seconds : 0):0} " +
        $"silo_max_rss_mb={string.Join(',', SiloMaxRssMb)} shards_per_silo={string.Join(',', ShardsPerSilo)} indexed={Indexed} served_checked={ServedChecked} " +
        $"killed={Killed ?? "none"} killed_after_jobs={KilledAfterJobs} declared_dead_s={DeclaredDeadSeconds:0.0} shards_before_kill={(ShardsBeforeKill.Count == 0 ? "-" : string.Join(',', ShardsBeforeKill))} " +
        $"retries={Retries} seconds={Seconds:0.0} status={(Passed ? "ok" : Error is null ? "lost" : "failed")}");
}
