using JobRec.Vectors.Faiss.Native;

namespace JobRec.Vectors.Faiss;

/// <summary>Process-wide FAISS settings and the location of the native shim.</summary>
public static class FaissRuntime
{
    /// <summary>Path the shim is loaded from: &lt;cache&gt;/native/libjobrec_faiss.so (default cache ~/.cache/jobrec).</summary>
    public static string LibraryPath => FaissNativeLibrary.ExpectedPath;

    /// <summary>Makes <paramref name="cacheDirectory"/> the folder whose native/ holds the shim (null or blank: ~/.cache/jobrec). Hosts call it
    /// once at start, before the first FAISS call.</summary>
    public static void Configure(string? cacheDirectory) =>
        FaissNativeLibrary.CacheDirectory = string.IsNullOrWhiteSpace(cacheDirectory) ? null : cacheDirectory;

    /// <summary>Whether the shim exists where <see cref="LibraryPath"/> says, so callers can explain its absence before using FAISS.</summary>
    public static bool IsLibraryPresent => File.Exists(FaissNativeLibrary.ExpectedPath);

    /// <summary>OpenMP threads every FAISS call uses, from any calling thread (omp_set_num_threads applied per call).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to a value below 1 or above 1024.</exception>
    public static int ThreadCount
    {
        get
        {
            FaissNativeLibrary.EnsureLoaded();
            return FaissNative.GetNumThreads();
        }

        set
        {
            if (value < 1 || value > 1024)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "FAISS thread count must be between 1 and 1024.");
            }

            FaissNativeLibrary.EnsureLoaded();
            FaissNative.Check(FaissNative.SetNumThreads(value), "Setting the FAISS thread count");
        }
    }
}
