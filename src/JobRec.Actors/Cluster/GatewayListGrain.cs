namespace JobRec.Actors.Cluster;

/// <summary>Answers <see cref="IGatewayListGrain"/> from the silo's <see cref="IGatewayListProvider"/>; always local (stateless worker).</summary>
[StatelessWorker(2)]
public sealed class GatewayListGrain : Grain, IGatewayListGrain
{
    private readonly IGatewayListProvider _provider;

    /// <summary>Creates the grain over the silo's gateway list.</summary>
    public GatewayListGrain(IGatewayListProvider provider) => _provider = provider;

    /// <inheritdoc />
    public Task<string[]> GetGatewaysAsync() => Task.FromResult(_provider.GetGateways().ToArray());
}
