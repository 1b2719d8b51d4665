using JobRec.ML.Models;

namespace JobRec.Silo.Tests.Models;

/// <summary>What every <see cref="IModelStore"/> must do (the folder store of an embedded silo and the cluster's PostgreSQL store run the same
/// tests): versions numbered per name from 1, never overwritten, one active version per name, metadata and payload read back exactly, missing
/// versions named, corrupt files refused with one line, concurrent writers given distinct versions.</summary>
public abstract class ModelStoreContract
{
    /// <summary>The store under test, empty at the start of each test.</summary>
    protected abstract IModelStore Store { get; }

    /// <summary>Damages the stored payload of one version in place (the SHA-256 check must catch it).</summary>
    protected abstract Task CorruptAsync(string name, int version);

    private static ModelMetadata Meta(string name = ModelNames.Recommender) => new()
    {
        Name = name,
        Kind = name == ModelNames.Recommender ? "fm" : ModelNames.OnetKind,
        PayloadFormat = 2,
        TrainingData = "contract test: 3 interactions",
        Metrics = new Dictionary<string, double> { ["map@10"] = 0.125, ["test_users"] = 3 },
        Encoder = "hashed",
        EncoderDimension = 256,
        CreatedAt = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero),
        Evaluation = [new ModelEvaluationRow("fm (this model)", false, new Dictionary<string, double> { ["map@10"] = 0.125 }, [0.1, 0.125])],
    };

    [Fact]
    public async Task An_empty_store_has_no_versions_and_nothing_active()
    {
        Assert.Empty(await Store.ListAsync());
        Assert.Empty(await Store.ActiveVersionsAsync());
        Assert.False(string.IsNullOrWhiteSpace(Store.Description));
    }

    [Fact]
    public async Task Versions_are_numbered_per_name_and_one_is_active_per_name()
    {
        var v1 = await Store.AddAsync(Meta(), [1]);
        var v2 = await Store.AddAsync(Meta(), [2, 2]);
        var onet = await Store.AddAsync(Meta(ModelNames.Onet), [3]);
        Assert.Equal((1, 2, 1), (v1.Version, v2.Version, onet.Version));
        Assert.Empty(await Store.ActiveVersionsAsync()); // adding never activates

        await Store.ActivateAsync(ModelNames.Recommender, 2);
        await Store.ActivateAsync(ModelNames.Onet, 1);
        var active = await Store.ActiveVersionsAsync();
        Assert.Equal(2, active[ModelNames.Recommender]);
        Assert.Equal(1, active[ModelNames.Onet]);
        await Store.ActivateAsync(ModelNames.Recommender, 1); // back to an older one
        Assert.Equal(1, (await Store.ActiveVersionsAsync())[ModelNames.Recommender]);

        Assert.Equal([1, 2], (await Store.ListAsync(ModelNames.Recommender)).Select(m => m.Version));
        Assert.Equal([(ModelNames.Onet, 1), (ModelNames.Recommender, 1), (ModelNames.Recommender, 2)],
            (await Store.ListAsync()).Select(m => (m.Name, m.Version)).Order());
        Assert.Equal(new byte[] { 2, 2 }, (await Store.ReadAsync(ModelNames.Recommender, 2)).Payload);
        Assert.Equal(new byte[] { 1 }, (await Store.ReadAsync(ModelNames.Recommender, 1)).Payload);
    }

    [Fact]
    public async Task Metadata_and_payload_read_back_exactly()
    {
        var payload = Enumerable.Range(0, 70_000).Select(i => (byte)(i * 31)).ToArray();
        var added = await Store.AddAsync(Meta(), payload);
        var read = await Store.ReadAsync(ModelNames.Recommender, added.Version);
        Assert.Equal(payload, read.Payload);
        var m = read.Metadata;
        Assert.Equal((ModelNames.Recommender, "fm", 2, added.Version), (m.Name, m.Kind, m.PayloadFormat, m.Version));
        Assert.Equal("contract test: 3 interactions", m.TrainingData);
        Assert.Equal(0.125, m.Metrics["map@10"]);
        Assert.Equal(("hashed", 256), (m.Encoder, m.EncoderDimension));
        Assert.Equal([0.1, 0.125], m.Evaluation.Single().MapCurve);
        var listed = (await Store.ListAsync(ModelNames.Recommender)).Single();
        Assert.Equal(m.CreatedAt, listed.CreatedAt);
        Assert.Equal(m.Metrics, listed.Metrics);
    }

    [Fact]
    public async Task Missing_versions_are_named_and_unknown_names_refused()
    {
        await Store.AddAsync(Meta(), [1]);
        var activate = await Assert.ThrowsAsync<KeyNotFoundException>(() => Store.ActivateAsync(ModelNames.Recommender, 9));
        Assert.Contains("version 9", activate.Message);
        await Assert.ThrowsAsync<KeyNotFoundException>(() => Store.ReadAsync(ModelNames.Recommender, 9));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => Store.ReadAsync(ModelNames.Qa, 1));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.AddAsync(Meta() with { Name = "bogus" }, [1]));
        Assert.Empty(await Store.ActiveVersionsAsync());
    }

    [Fact]
    public async Task A_corrupt_stored_file_is_refused_with_one_line()
    {
        var added = await Store.AddAsync(Meta(), [1, 2, 3, 4, 5, 6, 7, 8]);
        await CorruptAsync(ModelNames.Recommender, added.Version);
        var e = await Assert.ThrowsAsync<InvalidDataException>(() => Store.ReadAsync(ModelNames.Recommender, added.Version));
        Assert.Contains("SHA-256", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public async Task Concurrent_writers_get_distinct_versions()
    {
        var added = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => Store.AddAsync(Meta(), [(byte)i]))));
        Assert.Equal(Enumerable.Range(1, 8), added.Select(m => m.Version).Order());
        var payloads = new List<byte>();
        foreach (var m in added)
        {
            payloads.Add(Assert.Single((await Store.ReadAsync(ModelNames.Recommender, m.Version)).Payload));
        }

        Assert.Equal(Enumerable.Range(0, 8).Select(i => (byte)i), payloads.Order()); // every writer's payload under its own version
    }
}
