namespace JobRec.Actors.Cluster;

/// <summary>One row of the membership table: a silo, its silo-to-silo endpoint, its client gateway endpoint and its last heartbeat (database clock).</summary>
public sealed record SiloMember(string SiloId, string Endpoint, string GatewayEndpoint, DateTime HeartbeatUtc);
