namespace JobRec.Evaluation.Tests;

/// <summary>Finds ../shared/data: env JOBREC_SHARED_DATA, else the first ancestor of the test binaries holding shared/data.</summary>
internal static class SharedData
{
    public static string Root { get; } = Locate();

    public static string JobViews => Path.Combine(Root, "job_views_interactions");

    private static string Locate()
    {
        var fromEnv = Environment.GetEnvironmentVariable("JOBREC_SHARED_DATA");
        if (!string.IsNullOrEmpty(fromEnv)) return Directory.Exists(fromEnv) ? fromEnv : throw new DirectoryNotFoundException($"JOBREC_SHARED_DATA '{fromEnv}' does not exist");
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data");
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException($"no shared/data above {AppContext.BaseDirectory}; set JOBREC_SHARED_DATA");
    }
}
