namespace JobRec.ML.Text;

/// <summary>Locates model files under the JobRec cache: <c>$JOBREC_CACHE</c>, default <c>~/.cache/jobrec</c>.</summary>
public static class ModelCache
{
    /// <summary>The cache root directory (not checked for existence).</summary>
    public static string Root
    {
        get
        {
            var env = Environment.GetEnvironmentVariable("JOBREC_CACHE");
            if (!string.IsNullOrWhiteSpace(env)) return env;
            return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "jobrec");
        }
    }

    /// <summary>Directory of the USE-Lite model (model.json, weight shards, vocab.json).</summary>
    public static string UseLiteDirectory => Path.Combine(Root, "models", "use-lite");
}
