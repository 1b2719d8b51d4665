namespace JobRec.ML.Models;

/// <summary>A model read from a store: its header and its payload bytes (the model kind's own file format).</summary>
/// <param name="Metadata">The header.</param>
/// <param name="Payload">The payload, checked against the header's SHA-256.</param>
public sealed record StoredModel(ModelMetadata Metadata, byte[] Payload);
