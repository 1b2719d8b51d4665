using JobRec.Vectors.Faiss.Native;

namespace JobRec.Vectors.Tests.Faiss;

public sealed class FaissNativeLibraryTests
{
    [Fact]
    public void Shim_is_looked_up_under_the_jobrec_cache_native_folder()
    {
        Assert.Equal(Path.Combine("/srv/cache", "native", "libjobrec_faiss.so"), FaissNativeLibrary.PathFor("/srv/cache"));
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        Assert.Equal(Path.Combine(home, ".cache", "jobrec", "native", "libjobrec_faiss.so"), FaissNativeLibrary.PathFor(null));
        Assert.Equal(FaissNativeLibrary.PathFor(" "), FaissNativeLibrary.PathFor(null));
    }

    [Fact]
    public void Missing_shim_error_names_the_path_and_the_setup_script()
    {
        var path = FaissNativeLibrary.PathFor(FaissFixture.TempPath("no-cache"));

        var error = Assert.Throws<DllNotFoundException>(() => FaissNativeLibrary.RequirePresent(path));

        Assert.Contains(path, error.Message);
        Assert.Contains("deploy/setup.sh", error.Message);
    }
}
