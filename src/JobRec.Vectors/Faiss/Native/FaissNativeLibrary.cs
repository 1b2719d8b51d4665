using System.Reflection;
using System.Runtime.InteropServices;

namespace JobRec.Vectors.Faiss.Native;

/// <summary>Finds libjobrec_faiss.so in the cache folder's native/ (the host configures the folder through <see cref="FaissRuntime.Configure"/>;
/// default ~/.cache/jobrec/native) and routes the P/Invokes of this assembly to it.</summary>
internal static class FaissNativeLibrary
{
    /// <summary>File name deploy/setup.sh gives the built shim.</summary>
    public const string FileName = "libjobrec_faiss.so";

    private static readonly object Gate = new();
    private static nint _handle;

    /// <summary>The cache folder the host configured (null: ~/.cache/jobrec).</summary>
    public static string? CacheDirectory { get; set; }

    /// <summary>Where the shim is expected: &lt;cache&gt;/native/libjobrec_faiss.so.</summary>
    public static string ExpectedPath => PathFor(CacheDirectory);

    /// <summary>The shim's path for a given cache folder (null or blank: ~/.cache/jobrec).</summary>
    public static string PathFor(string? jobrecCache)
    {
        var cache = string.IsNullOrWhiteSpace(jobrecCache)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "jobrec")
            : jobrecCache;
        return Path.Combine(cache, "native", FileName);
    }

    /// <summary>Throws a <see cref="DllNotFoundException"/> naming <paramref name="path"/> and deploy/setup.sh when no file is there.</summary>
    public static void RequirePresent(string path)
    {
        if (!File.Exists(path))
        {
            throw new DllNotFoundException(
                $"The FAISS shim {path} does not exist. Run deploy/setup.sh to build it from src/JobRec.Vectors/native (JOBREC_CACHE, read by the jobrec command, selects another cache folder).");
        }
    }

    /// <summary>Loads the shim once and checks its ABI version.</summary>
    /// <exception cref="DllNotFoundException">The shim is absent or cannot be loaded; the message names the path and says to run deploy/setup.sh.</exception>
    public static void EnsureLoaded()
    {
        if (Volatile.Read(ref _handle) != 0)
        {
            return;
        }

        lock (Gate)
        {
            if (_handle != 0)
            {
                return;
            }

            var path = ExpectedPath;
            RequirePresent(path);

            if (!NativeLibrary.TryLoad(path, out var handle))
            {
                throw new DllNotFoundException(
                    $"The FAISS shim {path} exists but could not be loaded (missing libopenblas/libgomp?). Run deploy/setup.sh to install its dependencies and rebuild it.");
            }

            NativeLibrary.SetDllImportResolver(typeof(FaissNativeLibrary).Assembly, Resolve);
            Volatile.Write(ref _handle, handle);
            var version = FaissNative.GetAbiVersion();
            if (version != FaissNative.AbiVersion)
            {
                throw new DllNotFoundException(
                    $"The FAISS shim {path} has ABI version {version}, this binding needs {FaissNative.AbiVersion}. Run deploy/setup.sh to rebuild it.");
            }
        }
    }

    private static nint Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath) =>
        libraryName == FaissNative.LibraryName ? _handle : 0;
}
