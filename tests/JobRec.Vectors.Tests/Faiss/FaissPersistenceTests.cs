using JobRec.Vectors.Faiss;

namespace JobRec.Vectors.Tests.Faiss;

public sealed class FaissPersistenceTests
{
    private const int Dim = 32;

    public FaissPersistenceTests() => FaissFixture.RequireShim();

    [Theory]
    [MemberData(nameof(FaissIndexTests.Kinds), MemberType = typeof(FaissIndexTests))]
    public void Save_and_load_round_trip_keeps_ids_results_removals_and_settings(FaissIndexKind kind)
    {
        var data = TestVectors.Unit(600, Dim, seed: 31);
        var queries = TestVectors.Unit(20, Dim, seed: 32);
        var path = FaissFixture.TempPath($"{kind}.jrvx");
        using var original = FaissIndexTests.Create(kind, data);
        original.Add(data, TestVectors.Ids(600, first: 500));
        original.Remove([500, 501, 777]);
        var before = original.Search(queries, 10);

        original.Save(path);
        using var loaded = FaissIndex.Load(path);
        var after = loaded.Search(queries, 10);

        Assert.Equal(kind, loaded.Kind);
        Assert.Equal(597, loaded.Count);
        Assert.Equal(original.Hnsw, loaded.Hnsw);
        Assert.Equal(original.Ivf, loaded.Ivf);
        Assert.Equal(before.Ids, after.Ids);
        Assert.Equal(before.Scores, after.Scores);
        Assert.DoesNotContain(777L, after.Ids);

        // A removed id can be re-added after loading, and an id still present cannot.
        loaded.Add(data.AsSpan(0, Dim), [500]);
        Assert.Throws<ArgumentException>(() => loaded.Add(data.AsSpan(0, Dim), [502]));
        Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
    }

    [Fact]
    public void Missing_file_throws_file_not_found_naming_the_path()
    {
        var path = FaissFixture.TempPath("absent.jrvx");
        var error = Assert.Throws<FileNotFoundException>(() => FaissIndex.Load(path));
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void Files_that_are_not_indexes_or_are_corrupt_throw_invalid_data()
    {
        var path = FaissFixture.TempPath("index.jrvx");
        using (var index = FaissIndex.CreateHnsw(Dim, new HnswParameters(8, 40, 16)))
        {
            index.Add(TestVectors.Unit(200, Dim), TestVectors.Ids(200));
            index.Save(path);
        }

        var bytes = File.ReadAllBytes(path);
        var corrupt = path + ".corrupt";

        File.WriteAllText(corrupt, "not an index at all, just some text that is long enough for the header");
        Assert.Contains("offset 0: expected magic", Assert.Throws<InvalidDataException>(() => FaissIndex.Load(corrupt)).Message);

        File.WriteAllBytes(corrupt, bytes.AsSpan(0, 20).ToArray());
        Assert.Contains("offset 20: the file ends inside the 56-byte saved vector index header; it is truncated", Assert.Throws<InvalidDataException>(() => FaissIndex.Load(corrupt)).Message);

        File.WriteAllBytes(corrupt, bytes.AsSpan(0, bytes.Length - 100).ToArray());
        Assert.Contains("truncated or corrupt", Assert.Throws<InvalidDataException>(() => FaissIndex.Load(corrupt)).Message);

        var flipped = (byte[])bytes.Clone();
        flipped[bytes.Length / 2] ^= 0x5A;
        File.WriteAllBytes(corrupt, flipped);
        var checksum = Assert.Throws<InvalidDataException>(() => FaissIndex.Load(corrupt));
        Assert.Contains("SHA-256", checksum.Message);
        Assert.Contains(corrupt, checksum.Message);

        // The original still loads after all that.
        using var loaded = FaissIndex.Load(path);
        Assert.Equal(200, loaded.Count);
        Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
    }

    [Fact]
    public void Saving_over_an_existing_file_replaces_it()
    {
        var path = FaissFixture.TempPath("replace.jrvx");
        using var small = FaissIndex.CreateFlat(Dim);
        small.Add(TestVectors.Unit(3, Dim), [1, 2, 3]);
        small.Save(path);
        using var large = FaissIndex.CreateFlat(Dim);
        large.Add(TestVectors.Unit(30, Dim), TestVectors.Ids(30));
        large.Save(path);

        using var loaded = FaissIndex.Load(path);
        Assert.Equal(30, loaded.Count);
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(path)!));
        Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
    }
}
