using Orleans;
namespace JobRec.Contracts.Cluster;

/// <summary>One silo's address and load.</summary>
/// <param name="Name">Silo name and silo-to-silo endpoint.</param>
/// <param name="Status">Orleans membership status in lower case: "active", "joining", "shuttingdown", "dead".</param>
/// <param name="Activations">Activations per grain type.</param>
/// <param name="QueueLength">Messages waiting in mailboxes (Orleans does not report it: 0).</param>
[GenerateSerializer, Immutable, Alias("jobrec.SiloStatus")]
public sealed record SiloStatus(string Name, string Status, IReadOnlyDictionary<string, int> Activations, int QueueLength);
