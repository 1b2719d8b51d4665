using JobRec.ML.Models;
using JobRec.ML.Recommenders;

namespace JobRec.ML.Tests.Models;

public sealed class ModelStoreTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "jobrec-models-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private static ModelMetadata Meta(string name = ModelNames.Recommender) => new()
    {
        Name = name,
        Kind = "fm",
        TrainingData = "unit test",
        Metrics = new Dictionary<string, double> { ["map@10"] = 0.125 },
        Encoder = "hashed",
        EncoderDimension = 256,
        Evaluation = [new ModelEvaluationRow("fm", false, new Dictionary<string, double> { ["map@10"] = 0.125 }, [0.1, 0.12])],
    };

    [Fact]
    public void A_model_file_round_trips_its_header_and_payload()
    {
        var bytes = ModelFile.Write(Meta() with { Version = 7 }, [1, 2, 3, 4]);
        var read = ModelFile.Read(bytes, "mem");
        Assert.Equal(7, read.Metadata.Version);
        Assert.Equal("fm", read.Metadata.Kind);
        Assert.Equal(256, read.Metadata.EncoderDimension);
        Assert.Equal(0.125, read.Metadata.Metrics["map@10"]);
        Assert.Equal([0.1, 0.12], read.Metadata.Evaluation[0].MapCurve);
        Assert.Equal(new byte[] { 1, 2, 3, 4 }, read.Payload);
        Assert.Equal(7, ModelFile.ReadMetadata(new MemoryStream(bytes), "mem").Version);
    }

    [Fact]
    public void A_corrupt_truncated_or_foreign_file_is_refused_with_one_line_naming_it()
    {
        var bytes = ModelFile.Write(Meta(), [1, 2, 3, 4, 5, 6]);
        var flipped = (byte[])bytes.Clone();
        flipped[^33] ^= 0xFF; // last payload byte
        var corrupt = Assert.Throws<InvalidDataException>(() => ModelFile.Read(flipped, "x.jrm"));
        Assert.Contains("x.jrm", corrupt.Message);
        Assert.Contains("SHA-256", corrupt.Message);
        Assert.Contains("truncated", Assert.Throws<InvalidDataException>(() => ModelFile.Read(bytes.AsSpan(0, bytes.Length - 5), "x.jrm")).Message);
        Assert.Contains("not a JobRec model file", Assert.Throws<InvalidDataException>(() => ModelFile.Read("hello world, not a model"u8, "x.jrm")).Message);
        var future = (byte[])bytes.Clone();
        future[8] = 99; // container format version
        Assert.Contains("format version 99", Assert.Throws<InvalidDataException>(() => ModelFile.Read(future, "x.jrm")).Message);
    }

    [Fact]
    public async Task The_folder_store_numbers_versions_and_keeps_one_active_per_name()
    {
        var store = new FolderModelStore(_root);
        Assert.Empty(await store.ActiveVersionsAsync());
        var v1 = await store.AddAsync(Meta(), [1]);
        var v2 = await store.AddAsync(Meta(), [2]);
        var onet = await store.AddAsync(Meta(ModelNames.Onet) with { Kind = ModelNames.OnetKind }, [3]);
        Assert.Equal((1, 2, 1), (v1.Version, v2.Version, onet.Version));
        Assert.Empty(await store.ActiveVersionsAsync());

        await store.ActivateAsync(ModelNames.Recommender, 2);
        Assert.Equal(2, (await store.ActiveVersionsAsync())[ModelNames.Recommender]);
        await store.ActivateAsync(ModelNames.Recommender, 1);
        Assert.Equal(1, (await store.ActiveVersionsAsync())[ModelNames.Recommender]);
        Assert.Equal(new byte[] { 2 }, (await store.ReadAsync(ModelNames.Recommender, 2)).Payload);
        Assert.Equal([1, 2], (await store.ListAsync(ModelNames.Recommender)).Select(m => m.Version));
        Assert.Equal(3, (await store.ListAsync()).Count);

        var missing = await Assert.ThrowsAsync<KeyNotFoundException>(() => store.ActivateAsync(ModelNames.Recommender, 9));
        Assert.Contains("version 9", missing.Message);
        Assert.Throws<ArgumentException>(() => ModelNames.Check("bogus"));
    }

    [Fact]
    public async Task Concurrent_writers_get_distinct_versions()
    {
        var store = new FolderModelStore(_root);
        var added = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => store.AddAsync(Meta(), [(byte)i]))));
        Assert.Equal(Enumerable.Range(1, 8), added.Select(m => m.Version).Order());
    }

    [Fact]
    public void A_served_factorization_machine_scores_like_the_one_it_was_made_from_after_a_round_trip()
    {
        var layout = new FmFeatureLayout(2, 3, useText: true);
        var fm = new FactorizationMachine(layout.FeatureCount, 4, seed: 3, initialScale: 0.3f);
        for (var i = 0; i < fm.Weights.Length; i++)
        {
            fm.Weights[i] = 0.1f * (i + 1);
        }

        var served = ServedFactorizationMachine.Create(fm, true, ["u1", "u2"], ["j1", "j2", "j3"]);
        var loaded = ServedFactorizationMachine.Load(served.Save());
        Assert.Equal("fm", loaded.Kind);
        Assert.Equal(1, loaded.UserIndex("u2"));
        Assert.Equal(-1, loaded.UserIndex("nobody"));
        FmFeatureInputs[] inputs =
        [
            new(0, 2, true, 0.5f, 0.25f, 0.1f, true, 0.3f, 0.9f),
            new(-1, -1, false, 0.2f, 0.1f, 0f, false, 0.1f, 0.2f),
        ];
        var expected = new float[2];
        var actual = new float[2];
        served.Score(inputs, expected);
        loaded.Score(inputs, actual);
        Assert.Equal(expected, actual);
        Assert.NotEqual(expected[0], expected[1]);

        var bytes = served.Save();
        Assert.Throws<InvalidDataException>(() => ServedFactorizationMachine.Load(bytes[..^3]));
        Assert.Throws<InvalidDataException>(() => ServedFactorizationMachine.Create(fm, true, ["u1"], ["j1", "j2", "j3"]));
    }
}
