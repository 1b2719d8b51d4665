using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace JobRec.ML.Text.Onnx;

/// <summary>Checks that a model file exists and has the expected SHA-256, once per process and file version (path, length, modification time).</summary>
public static class ModelFileCheck
{
    /// <summary>The command that restores the model files.</summary>
    public const string RestoreCommand = "deploy/setup.sh";

    private static readonly ConcurrentDictionary<(string Path, long Length, DateTime Modified), string> Verified = new();

    /// <summary>Returns when <paramref name="path"/> exists and hashes to <paramref name="expectedSha256"/>.</summary>
    /// <exception cref="ModelNotFoundException">The file is missing or its digest differs; the one-line message names the file and the command that restores it.</exception>
    public static void Verify(string path, string expectedSha256)
    {
        var full = Path.GetFullPath(path);
        var info = new FileInfo(full);
        if (!info.Exists)
            throw new ModelNotFoundException($"model file missing: {full}; restore it with {RestoreCommand} (JOBREC_CACHE selects another cache than ~/.cache/jobrec)");
        var key = (full, info.Length, info.LastWriteTimeUtc);
        if (Verified.TryGetValue(key, out var known) && known == expectedSha256) return;
        string actual;
        using (var stream = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20))
            actual = Convert.ToHexStringLower(SHA256.HashData(stream));
        if (!string.Equals(actual, expectedSha256, StringComparison.OrdinalIgnoreCase))
            throw new ModelNotFoundException($"model file corrupt: {full} has SHA-256 {actual[..12]}…, expected {expectedSha256[..12]}…; restore it with {RestoreCommand}");
        Verified[key] = expectedSha256;
    }
}
