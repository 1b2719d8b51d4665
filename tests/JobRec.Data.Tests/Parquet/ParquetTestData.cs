namespace JobRec.Data.Tests.Parquet;

/// <summary>Locates ../shared/data/parquet-testing (env JOBREC_SHARED_DATA, else the first ancestor holding shared/data).</summary>
internal static class ParquetTestData
{
    public static string SharedData { get; } = FindSharedData();

    public static string DataDir => Path.Combine(SharedData, "parquet-testing", "data");

    public static string BadDataDir => Path.Combine(SharedData, "parquet-testing", "bad_data");

    public static string File(string name) => Path.Combine(DataDir, name);

    private static string FindSharedData()
    {
        string? fromEnv = Environment.GetEnvironmentVariable("JOBREC_SHARED_DATA");
        if (!string.IsNullOrEmpty(fromEnv))
        {
            return Directory.Exists(fromEnv) ? fromEnv : throw new DirectoryNotFoundException($"JOBREC_SHARED_DATA={fromEnv} does not exist");
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "shared", "data");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException($"no shared/data above {AppContext.BaseDirectory}; set JOBREC_SHARED_DATA");
    }
}
