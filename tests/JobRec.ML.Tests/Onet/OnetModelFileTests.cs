using JobRec.ML.Onet;

namespace JobRec.ML.Tests.Onet;

public sealed class OnetModelFileTests(SmallRerankedOnetModel model) : IClassFixture<SmallRerankedOnetModel>, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("onet-model-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Saved_and_loaded_model_ranks_exactly_as_the_trained_one()
    {
        Assert.NotNull(model.Classifier.Reranker);
        Assert.NotNull(model.Classifier.Head);
        var path = Path.Combine(_dir, "onet.model");
        long bytes = OnetModelFile.Save(model.Classifier, path, "test source");
        Assert.Equal(new FileInfo(path).Length, bytes);

        var stored = OnetModelFile.Load(path, model.Encoder);
        Assert.Equal("test source", stored.Source);
        var loaded = stored.Classifier;
        Assert.NotNull(loaded.Reranker);
        Assert.NotNull(loaded.Head);
        Assert.Equal(model.Classifier.Weights, loaded.Weights);
        Assert.Equal(model.Classifier.Vote, loaded.Vote);
        Assert.Equal(model.Classifier.TitleEntries, loaded.TitleEntries);
        Assert.Equal(model.Classifier.Occupations.Select(o => o.Code), loaded.Occupations.Select(o => o.Code));

        var expected = model.Classifier.Classify(model.HeldOut, 10);
        var actual = loaded.Classify(model.HeldOut, 10);
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Select(p => p.Code), actual[i].Select(p => p.Code));
            Assert.Equal(expected[i].Select(p => p.Score), actual[i].Select(p => p.Score));
        }

        // The fused order (re-ranker off) is the same too: every evidence was restored, not only the re-ranker's view of it.
        var fused = model.Classifier.WithReranker(null).Classify(model.HeldOut, 5);
        var fusedLoaded = loaded.WithReranker(null).Classify(model.HeldOut, 5);
        Assert.Equal(fused.SelectMany(p => p).Select(p => (p.Code, p.Score)), fusedLoaded.SelectMany(p => p).Select(p => (p.Code, p.Score)));
        Assert.NotEqual(expected.SelectMany(p => p.Take(5)).Select(p => p.Score), fused.SelectMany(p => p).Select(p => p.Score));
    }

    [Fact]
    public void A_model_without_head_classifier_or_reranker_round_trips()
    {
        var occupations = new JobRec.Data.Model.Occupation[]
        {
            new("29-1141.00", "Registered Nurses", "Administer nursing care."), new("53-3032.00", "Truck Drivers", "Drive trucks."),
        };
        var plain = OnetClassifier.Train(occupations, [new("29-1141.00", "Staff Nurse"), new("53-3032.00", "Semi Driver")], model.Encoder,
            new OnetClassifierOptions(FineTuneHead: false, ClassifierWeight: 0, AugmentTitles: false));
        var path = Path.Combine(_dir, "plain.model");
        OnetModelFile.Save(plain, path);
        var loaded = OnetModelFile.Load(path, model.Encoder).Classifier;
        Assert.Null(loaded.Reranker);
        Assert.Null(loaded.Head);
        var titles = new[] { "night nurse", "truck driver", "" };
        Assert.Equal(plain.Classify(titles, 2).SelectMany(p => p).Select(p => (p.Code, p.Score)),
            loaded.Classify(titles, 2).SelectMany(p => p).Select(p => (p.Code, p.Score)));
    }

    [Theory]
    [InlineData(5)]        // inside the magic
    [InlineData(30)]       // inside the header
    [InlineData(-1)]       // one byte short of the end
    [InlineData(-5000)]    // inside the payload
    public void A_truncated_file_is_named_as_truncated(int keep)
    {
        var path = SavedCopy();
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(keep >= 0 ? keep : bytes.Length + keep)]);
        var ex = Assert.Throws<InvalidDataException>(() => OnetModelFile.Load(path, model.Encoder));
        Assert.Contains(path, ex.Message);
        Assert.True(ex.Message.Contains("truncated") || ex.Message.Contains("magic"), ex.Message);
        if (keep >= 8) Assert.Contains("truncated", ex.Message);
    }

    [Fact]
    public void A_foreign_file_is_named_by_its_magic()
    {
        var path = Path.Combine(_dir, "foreign.model");
        File.WriteAllText(path, "oNETSOCCode\ttitle\tdescription\n11-1011.00\tChief Executives\tDetermine policies\n");
        var ex = Assert.Throws<InvalidDataException>(() => OnetModelFile.Load(path, model.Encoder));
        Assert.Contains(path, ex.Message);
        Assert.Contains("expected magic \"JRONETCL\", found \"oNETSOCC\"", ex.Message);
        File.WriteAllBytes(path, []);
        Assert.Contains("offset 0: the file ends inside the 12-byte O*NET model header; it is truncated",
            Assert.Throws<InvalidDataException>(() => OnetModelFile.Load(path, model.Encoder)).Message);
    }

    [Fact]
    public void A_flipped_payload_byte_or_another_version_is_reported_not_loaded()
    {
        var path = SavedCopy();
        var bytes = File.ReadAllBytes(path);
        bytes[bytes.Length / 2] ^= 0x40;
        File.WriteAllBytes(path, bytes);
        var corrupt = Assert.Throws<InvalidDataException>(() => OnetModelFile.Load(path, model.Encoder));
        Assert.Contains("SHA-256", corrupt.Message);
        Assert.Contains(path, corrupt.Message);

        bytes[bytes.Length / 2] ^= 0x40;
        bytes[8] = 99;
        File.WriteAllBytes(path, bytes);
        Assert.Equal(99, OnetModelFile.FormatVersion(path));
        Assert.Equal(OnetModelFile.Version, OnetModelFile.FormatVersion(SavedCopy()));
        File.WriteAllText(Path.Combine(_dir, "foreign.model"), "not a model");
        Assert.Null(OnetModelFile.FormatVersion(Path.Combine(_dir, "foreign.model")));
        var version = Assert.Throws<InvalidDataException>(() => OnetModelFile.Load(path, model.Encoder));
        Assert.Contains("offset 8: O*NET model format version 99 is not supported", version.Message);
    }

    [Fact]
    public void Another_encoder_is_refused_by_dimension_or_by_the_probe_embeddings()
    {
        var path = SavedCopy();
        var wider = Assert.Throws<OnetModelEncoderMismatchException>(() => OnetModelFile.Load(path, new HashingTextEncoder(32)));
        Assert.Contains("64-d text encoder", wider.Message);
        Assert.Contains(path, wider.Message);
        var other = Assert.Throws<OnetModelEncoderMismatchException>(() => OnetModelFile.Load(path, new ReversedTextEncoder(model.Encoder)));
        Assert.Contains("probe text", other.Message);
        Assert.Throws<FileNotFoundException>(() => OnetModelFile.Load(Path.Combine(_dir, "missing.model"), model.Encoder));
    }

    private string SavedCopy()
    {
        var path = Path.Combine(_dir, Guid.NewGuid().ToString("N") + ".model");
        OnetModelFile.Save(model.Classifier, path);
        return path;
    }

    /// <summary>Same dimension, other vectors: the inner encoder's vector components in reverse order.</summary>
    private sealed class ReversedTextEncoder(JobRec.ML.Text.ITextEncoder inner) : JobRec.ML.Text.ITextEncoder
    {
        public int Dimension => inner.Dimension;

        public float[] Encode(IReadOnlyList<string> texts)
        {
            var v = inner.Encode(texts);
            for (int i = 0; i < texts.Count; i++) v.AsSpan(i * Dimension, Dimension).Reverse();
            return v;
        }
    }
}
