using JobRec.Data.Model;
using JobRec.ML.Onet;
using JobRec.ML.Text;

namespace JobRec.ML.Tests.Onet;

public sealed class OnetModelEncoderIdentityTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("onet-identity-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Same vectors as the inner encoder, with a stated model-file identity (so only the identity can tell two of them apart).</summary>
    private sealed class Identified(ITextEncoder inner, string identity) : IIdentifiedTextEncoder
    {
        public string Identity => identity;
        public int Dimension => inner.Dimension;
        public float[] Encode(IReadOnlyList<string> texts) => inner.Encode(texts);
    }

    private string Save(ITextEncoder encoder)
    {
        var occupations = new Occupation[] { new("29-1141.00", "Registered Nurses", "Administer nursing care."), new("53-3032.00", "Truck Drivers", "Drive trucks.") };
        var model = OnetClassifier.Train(occupations, [new("29-1141.00", "Staff Nurse"), new("53-3032.00", "Semi Driver")], encoder,
            new OnetClassifierOptions(FineTuneHead: false, ClassifierWeight: 0, AugmentTitles: false));
        var path = Path.Combine(_dir, "onet.model");
        OnetModelFile.Save(model, path);
        return path;
    }

    [Fact]
    public void A_model_file_refuses_an_encoder_with_another_model_file_digest_in_one_line()
    {
        var inner = new HashingTextEncoder();
        var path = Save(new MemoryCachedTextEncoder(new Identified(inner, "minilm-onet sha256=" + new string('a', 64))));

        Assert.NotNull(OnetModelFile.Load(path, new Identified(inner, "minilm-onet sha256=" + new string('a', 64))).Classifier);
        var e = Assert.Throws<OnetModelEncoderMismatchException>(() => OnetModelFile.Load(path, new Identified(inner, "minilm-onet sha256=" + new string('b', 64))));
        Assert.DoesNotContain('\n', e.Message);
        Assert.StartsWith(path, e.Message);
        Assert.Contains("minilm-onet sha256=aaaaaaaaaaaa", e.Message);
        Assert.Contains("minilm-onet sha256=bbbbbbbbbbbb", e.Message);
        Assert.Contains("train the O*NET model again", e.Message);
        // An encoder without a model file is recognised by its vectors alone.
        Assert.NotNull(OnetModelFile.Load(path, inner).Classifier);
    }
}
