namespace JobRec.Cli.Tests;

/// <summary>Finds ../shared/data: $JOBREC_SHARED_DATA, else the first ancestor of the test binaries holding shared/data.</summary>
internal static class SharedData
{
    public static string Path { get; } = Locate();

    private static string Locate()
    {
        var env = Environment.GetEnvironmentVariable("JOBREC_SHARED_DATA");
        if (!string.IsNullOrWhiteSpace(env))
        {
            return env;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "shared", "data");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException($"shared/data not found above {AppContext.BaseDirectory}; set JOBREC_SHARED_DATA");
    }
}
