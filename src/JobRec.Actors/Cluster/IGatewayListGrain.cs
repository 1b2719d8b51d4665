namespace JobRec.Actors.Cluster;

/// <summary>System grain every silo hosts (as a stateless worker): the gateway endpoints of the cluster's live silos, which clients read to learn where else they can connect.</summary>
public interface IGatewayListGrain : IGrainWithStringKey
{
    /// <summary>Returns the live silos' gateway endpoints ("host:port"), this silo's among them.</summary>
    Task<string[]> GetGatewaysAsync();
}
