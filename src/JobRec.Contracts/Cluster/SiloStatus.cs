namespace JobRec.Contracts.Cluster;

/// <summary>One silo's address and load.</summary>
/// <param name="Name">Silo name or endpoint.</param>
/// <param name="Status">"active", "joining", "dead".</param>
/// <param name="Activations">Activations per grain type.</param>
/// <param name="QueueLength">Messages waiting in mailboxes.</param>
public sealed record SiloStatus(string Name, string Status, IReadOnlyDictionary<string, int> Activations, int QueueLength);
