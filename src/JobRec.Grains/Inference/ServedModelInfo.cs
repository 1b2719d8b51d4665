using JobRec.ML.Models;

namespace JobRec.Grains.Inference;

/// <summary>What a silo serves in one model slot (<c>GET /models</c>).</summary>
/// <param name="Name">The slot ("recommender", "onet", "qa").</param>
/// <param name="Version">Store version in use; 0 when the model does not come from the store.</param>
/// <param name="Kind">The model ("fm", "linear", "onet-classifier", "extractive", ...).</param>
/// <param name="Source">"store" (an active stored version), "fallback" (nothing trained yet: a built-in rule), "host" (configured by the host
/// outside the store) or "none".</param>
/// <param name="Description">One line for people ("fm v3 from folder .jobrec/models", "linear (no model trained yet)").</param>
/// <param name="Metadata">The stored model's header (training data, metrics, evaluation), or null.</param>
/// <param name="LoadedAt">When this silo started serving it.</param>
/// <param name="LastRefusal">The last version this silo refused to load and why (one line), or null.</param>
public sealed record ServedModelInfo(string Name, int Version, string Kind, string Source, string Description, ModelMetadata? Metadata,
    DateTimeOffset LoadedAt, string? LastRefusal = null);
