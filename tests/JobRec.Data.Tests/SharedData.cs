namespace JobRec.Data.Tests;

/// <summary>Finds ../shared/data: env JOBREC_SHARED_DATA, else the first ancestor of the test binaries holding shared/data.</summary>
internal static class SharedData
{
    public static string Root { get; } = Locate();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    private static string Locate()
    {
        var env = Environment.GetEnvironmentVariable("JOBREC_SHARED_DATA");
        if (!string.IsNullOrEmpty(env)) return Directory.Exists(env) ? env : throw new DirectoryNotFoundException($"JOBREC_SHARED_DATA={env} does not exist");
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "shared", "data");
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException($"no shared/data above {AppContext.BaseDirectory}; set JOBREC_SHARED_DATA");
    }
}
