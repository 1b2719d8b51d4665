namespace JobRec.Testing;

/// <summary>The shared data folder the tests read real files from: $JOBREC_SHARED_DATA, else the first ancestor of the test binaries
/// holding shared/data.</summary>
public static class SharedData
{
    /// <summary>The folder.</summary>
    /// <exception cref="DirectoryNotFoundException">JOBREC_SHARED_DATA names a missing folder, or no shared/data is above the test binaries.</exception>
    public static string Root { get; } = Locate();

    /// <summary>A path under <see cref="Root"/>.</summary>
    public static string File(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string Locate()
    {
        var env = Environment.GetEnvironmentVariable("JOBREC_SHARED_DATA");
        if (!string.IsNullOrWhiteSpace(env))
        {
            return Directory.Exists(env) ? env : throw new DirectoryNotFoundException($"JOBREC_SHARED_DATA={env} does not exist");
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException($"shared/data not found above {AppContext.BaseDirectory}; set JOBREC_SHARED_DATA");
    }
}
