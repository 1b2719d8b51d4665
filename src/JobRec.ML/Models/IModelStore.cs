namespace JobRec.ML.Models;

/// <summary>Versioned models by name, with one active version per name: what <c>jobrec train</c> writes, <c>jobrec models</c> lists and activates,
/// and silos load. Implementations are safe for concurrent use by several processes (a version is never overwritten).</summary>
public interface IModelStore
{
    /// <summary>Where the store is, for messages ("folder .jobrec/models", "PostgreSQL table jobrec_model").</summary>
    string Description { get; }

    /// <summary>Adds a model as the next version of <see cref="ModelMetadata.Name"/> and returns its metadata with the version set; it is not activated.</summary>
    Task<ModelMetadata> AddAsync(ModelMetadata metadata, byte[] payload, CancellationToken cancellationToken = default);

    /// <summary>Every stored version's metadata (all names, or only <paramref name="name"/>), by name then version.</summary>
    Task<IReadOnlyList<ModelMetadata>> ListAsync(string? name = null, CancellationToken cancellationToken = default);

    /// <summary>Makes <paramref name="version"/> the active version of <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No such version (the message names it).</exception>
    Task ActivateAsync(string name, int version, CancellationToken cancellationToken = default);

    /// <summary>The active version of each name that has one.</summary>
    Task<IReadOnlyDictionary<string, int>> ActiveVersionsAsync(CancellationToken cancellationToken = default);

    /// <summary>Reads one version (header and payload checked, see <see cref="ModelFile.Read"/>).</summary>
    /// <exception cref="KeyNotFoundException">No such version.</exception>
    /// <exception cref="InvalidDataException">The stored file is corrupt or of another format.</exception>
    Task<StoredModel> ReadAsync(string name, int version, CancellationToken cancellationToken = default);
}
