using JobRec.Vectors.Faiss;

namespace JobRec.Vectors.Tests.Faiss;

/// <summary>Fails every FAISS test loudly (never skips) when the shim has not been built by deploy/setup.sh.</summary>
internal static class FaissFixture
{
    public static void RequireShim()
    {
        Assert.True(
            FaissRuntime.IsLibraryPresent,
            $"FAISS shim missing at {FaissRuntime.LibraryPath}: run deploy/setup.sh first.");
    }

    public static string TempPath(string name) =>
        Path.Combine(Path.GetTempPath(), "jobrec-vectors-tests", Guid.NewGuid().ToString("N"), name);
}
