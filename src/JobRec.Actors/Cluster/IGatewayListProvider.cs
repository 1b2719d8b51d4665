namespace JobRec.Actors.Cluster;

/// <summary>The gateway endpoints a silo tells clients about; must be fast and thread-safe.</summary>
public interface IGatewayListProvider
{
    /// <summary>Returns the known live gateways as "host:port".</summary>
    IReadOnlyList<string> GetGateways();
}
