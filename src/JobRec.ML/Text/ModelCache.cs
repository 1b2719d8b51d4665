namespace JobRec.ML.Text;

/// <summary>Locates model files under the JobRec cache: the folder the host configures (the command line passes JOBREC_CACHE), by default
/// <c>~/.cache/jobrec</c>. Reads no environment itself.</summary>
public static class ModelCache
{
    /// <summary>The cache folder used when the host configures none.</summary>
    public static string DefaultRoot { get; } = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "jobrec");

    /// <summary>The cache root directory (not checked for existence).</summary>
    public static string Root { get; private set; } = DefaultRoot;

    /// <summary>Directory of the USE-Lite model (model.json, weight shards, vocab.json).</summary>
    public static string UseLiteDirectory => Path.Combine(Root, "models", "use-lite");

    /// <summary>Makes <paramref name="root"/> the cache folder of this process; null or blank restores <see cref="DefaultRoot"/>. Hosts call it once at start.</summary>
    public static void Configure(string? root) => Root = string.IsNullOrWhiteSpace(root) ? DefaultRoot : root;
}
