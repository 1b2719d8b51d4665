using JobRec.Actors.Transport;

namespace JobRec.Actors.Cluster;

/// <summary>The gateway list of a silo that is not in a cluster: its own gateway only.</summary>
public sealed class SingleSiloGatewayList : IGatewayListProvider
{
    private readonly SiloGatewayEndpoint _gateway;

    /// <summary>Creates the list over the silo's bound gateway.</summary>
    public SingleSiloGatewayList(SiloGatewayEndpoint gateway) => _gateway = gateway;

    /// <inheritdoc />
    public IReadOnlyList<string> GetGateways() => _gateway.EndPoint is null ? [] : [_gateway.Address];
}
