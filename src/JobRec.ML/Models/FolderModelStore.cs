using System.Globalization;

namespace JobRec.ML.Models;

/// <summary>The embedded model store: <c>&lt;root&gt;/&lt;name&gt;/v&lt;version&gt;.jrm</c> files (never overwritten) and an <c>active</c> file per name
/// holding the active version (replaced by rename, so a reader sees the old or the new one). Several processes may share the folder.</summary>
public sealed class FolderModelStore : IModelStore
{
    private const string Extension = ".jrm";
    private const string ActiveFile = "active";

    /// <summary>A store in <paramref name="root"/> (created on the first write).</summary>
    public FolderModelStore(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        Root = Path.GetFullPath(root);
    }

    /// <summary>The store's folder.</summary>
    public string Root { get; }

    /// <inheritdoc />
    public string Description => $"folder {Root}";

    /// <inheritdoc />
    public async Task<ModelMetadata> AddAsync(ModelMetadata metadata, byte[] payload, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(payload);
        var folder = Path.Combine(Root, ModelNames.Check(metadata.Name));
        Directory.CreateDirectory(folder);
        for (var attempt = 0; ; attempt++)
        {
            var version = Versions(metadata.Name).DefaultIfEmpty(0).Max() + 1;
            var stored = metadata with { Version = version };
            var path = FileOf(metadata.Name, version);
            var temp = path + $".{Environment.ProcessId}.tmp";
            await File.WriteAllBytesAsync(temp, ModelFile.Write(stored, payload), cancellationToken).ConfigureAwait(false);
            try
            {
                // Link-free "create if absent": a concurrent writer that took the same version makes this fail, and we take the next.
                File.Move(temp, path, overwrite: false);
                return stored;
            }
            catch (IOException) when (File.Exists(path) && attempt < 100)
            {
                File.Delete(temp);
            }
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ModelMetadata>> ListAsync(string? name = null, CancellationToken cancellationToken = default)
    {
        var result = new List<ModelMetadata>();
        foreach (var n in name is null ? ModelNames.All : [name])
        {
            foreach (var version in Versions(n).Order())
            {
                var path = FileOf(n, version);
                using var stream = File.OpenRead(path);
                result.Add(ModelFile.ReadMetadata(stream, path));
            }
        }

        return Task.FromResult<IReadOnlyList<ModelMetadata>>(result);
    }

    /// <inheritdoc />
    public async Task ActivateAsync(string name, int version, CancellationToken cancellationToken = default)
    {
        var path = FileOf(ModelNames.Check(name), version);
        if (!File.Exists(path))
        {
            throw new KeyNotFoundException($"model {name} version {version} is not in {Description}");
        }

        var active = Path.Combine(Root, name, ActiveFile);
        var temp = active + $".{Environment.ProcessId}.tmp";
        await File.WriteAllTextAsync(temp, version.ToString(CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false);
        File.Move(temp, active, overwrite: true);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, int>> ActiveVersionsAsync(CancellationToken cancellationToken = default)
    {
        var result = new Dictionary<string, int>();
        foreach (var name in ModelNames.All)
        {
            var active = Path.Combine(Root, name, ActiveFile);
            if (!File.Exists(active))
            {
                continue;
            }

            var text = (await File.ReadAllTextAsync(active, cancellationToken).ConfigureAwait(false)).Trim();
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            {
                throw new InvalidDataException($"{active}: '{text}' is not a model version");
            }

            result[name] = version;
        }

        return result;
    }

    /// <inheritdoc />
    public async Task<StoredModel> ReadAsync(string name, int version, CancellationToken cancellationToken = default)
    {
        var path = FileOf(ModelNames.Check(name), version);
        if (!File.Exists(path))
        {
            throw new KeyNotFoundException($"model {name} version {version} is not in {Description}");
        }

        var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        return ModelFile.Read(bytes, path);
    }

    /// <summary>The file of one version.</summary>
    public string FileOf(string name, int version) => Path.Combine(Root, name, $"v{version.ToString(CultureInfo.InvariantCulture)}{Extension}");

    private IEnumerable<int> Versions(string name)
    {
        var folder = Path.Combine(Root, name);
        if (!Directory.Exists(folder))
        {
            yield break;
        }

        foreach (var file in Directory.EnumerateFiles(folder, "v*" + Extension))
        {
            var stem = Path.GetFileNameWithoutExtension(file)[1..];
            if (int.TryParse(stem, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v > 0)
            {
                yield return v;
            }
        }
    }
}
