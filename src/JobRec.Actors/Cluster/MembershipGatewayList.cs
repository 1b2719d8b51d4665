namespace JobRec.Actors.Cluster;

/// <summary>The gateway list of a cluster silo: the gateway endpoints of the live members as last read from the membership table.</summary>
public sealed class MembershipGatewayList : IGatewayListProvider
{
    private IReadOnlyList<string> _gateways = [];

    /// <inheritdoc />
    public IReadOnlyList<string> GetGateways() => Volatile.Read(ref _gateways);

    /// <summary>Replaces the list with the gateways of <paramref name="liveMembers"/>.</summary>
    public void Update(IEnumerable<SiloMember> liveMembers) =>
        Volatile.Write(ref _gateways, liveMembers.Select(m => m.GatewayEndpoint).Distinct(StringComparer.Ordinal).ToArray());
}
