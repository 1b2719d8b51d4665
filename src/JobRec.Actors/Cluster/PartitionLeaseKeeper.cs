namespace JobRec.Actors.Cluster;

/// <summary>Runs one silo's lease cycle: heartbeat, renew held leases, release the surplus over the fair share, claim free or expired partitions up to it.</summary>
public sealed class PartitionLeaseKeeper
{
    private readonly PartitionLeaseTable _leases;
    private readonly MembershipTable _membership;
    private readonly PartitionOwnership _ownership;
    private readonly string _endpoint;
    private readonly string _gatewayEndpoint;

    /// <summary>Creates the keeper for the silo of <paramref name="leases"/>, advertising <paramref name="endpoint"/> and <paramref name="gatewayEndpoint"/>.</summary>
    public PartitionLeaseKeeper(PartitionLeaseTable leases, MembershipTable membership, PartitionOwnership ownership, string endpoint, string gatewayEndpoint)
    {
        _leases = leases ?? throw new ArgumentNullException(nameof(leases));
        _membership = membership ?? throw new ArgumentNullException(nameof(membership));
        _ownership = ownership ?? throw new ArgumentNullException(nameof(ownership));
        _endpoint = endpoint;
        _gatewayEndpoint = gatewayEndpoint;
    }

    /// <summary>Called with partitions about to be released, so their grains are deactivated and persisted before another silo may claim them.</summary>
    public Func<IReadOnlyCollection<int>, Task>? BeforeRelease { get; set; }

    /// <summary>The live silos (ordered by id) as read in the last cycle; empty before the first.</summary>
    public IReadOnlyList<SiloMember> LiveMembers { get; private set; } = [];

    /// <summary>Runs one cycle and returns the partitions held afterwards.</summary>
    public async Task<IReadOnlyCollection<int>> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        await _membership.HeartbeatAsync(_leases.SiloId, _endpoint, _gatewayEndpoint, cancellationToken).ConfigureAwait(false);
        var held = (await _leases.RenewAsync(cancellationToken).ConfigureAwait(false)).ToList();
        _ownership.Apply(held);
        var live = await _membership.ReadLiveAsync(cancellationToken).ConfigureAwait(false);
        LiveMembers = live;
        var rank = Math.Max(0, live.ToList().FindIndex(m => m.SiloId == _leases.SiloId));
        var share = PartitionLeaseTable.FairShare(_ownership.Map.PartitionCount, Math.Max(1, live.Count), rank);
        if (held.Count > share)
        {
            var surplus = held.OrderByDescending(l => l.Partition).Take(held.Count - share).Select(l => l.Partition).ToArray();
            await HandOverAsync(surplus, cancellationToken).ConfigureAwait(false);
        }
        else if (held.Count < share)
        {
            held.AddRange(await _leases.ClaimAsync(share - held.Count, cancellationToken).ConfigureAwait(false));
            _ownership.Apply(held);
        }

        return _ownership.Partitions;
    }

    /// <summary>Deactivation hook first, then releases every held partition and leaves the membership table (graceful shutdown).</summary>
    public async Task LeaveAsync(CancellationToken cancellationToken = default)
    {
        await HandOverAsync(_ownership.Partitions.ToArray(), cancellationToken).ConfigureAwait(false);
        await _membership.LeaveAsync(_leases.SiloId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops running calls for <paramref name="partitions"/>, lets <see cref="BeforeRelease"/> deactivate and persist their grains under the still-held epoch, then releases the leases.</summary>
    private async Task HandOverAsync(int[] partitions, CancellationToken cancellationToken)
    {
        if (partitions.Length == 0)
        {
            return;
        }

        _ownership.BeginDrain(partitions);
        try
        {
            if (BeforeRelease is { } before)
            {
                await before(partitions).ConfigureAwait(false);
            }
        }
        finally
        {
            try
            {
                await _leases.ReleaseAsync(partitions, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _ownership.EndDrain(partitions);
            }
        }
    }
}
