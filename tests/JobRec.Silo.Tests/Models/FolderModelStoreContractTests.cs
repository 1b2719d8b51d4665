using JobRec.ML.Models;

namespace JobRec.Silo.Tests.Models;

/// <summary>The model store contract on the embedded silo's folder store (a fresh temporary folder per test).</summary>
public sealed class FolderModelStoreContractTests : ModelStoreContract, IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "jobrec-model-contract-" + Guid.NewGuid().ToString("N"));
    private readonly FolderModelStore _store;

    /// <summary>A store in a new temporary folder.</summary>
    public FolderModelStoreContractTests() => _store = new FolderModelStore(_root);

    /// <inheritdoc />
    protected override IModelStore Store => _store;

    /// <inheritdoc />
    protected override async Task CorruptAsync(string name, int version)
    {
        var path = _store.FileOf(name, version);
        var bytes = await File.ReadAllBytesAsync(path);
        bytes[^33] ^= 0xFF; // the last payload byte, before the SHA-256
        await File.WriteAllBytesAsync(path, bytes);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
