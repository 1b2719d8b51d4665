using System.Runtime.InteropServices;
using System.Text;
using JobRec.ML.Onet;
using JobRec.ML.Recommenders;
using JobRec.ML.Skills;
using JobRec.ML.Text;
using JobRec.ML.Tests.Recommenders;
using JobRec.ML.Text.FineTuning;

namespace JobRec.ML.Tests.FileFormats;

/// <summary>The headers ML's files start with are the bytes earlier builds wrote (so existing files keep loading), and files from before a format
/// had a version field still read.</summary>
public sealed class ModelFileHeaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("jobrec-headers-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Plain_headers_are_the_bytes_earlier_builds_wrote()
    {
        Assert.Equal("4A52535403000000", Header(SkillTaggerModelFile.Format));  // format 3; the model cache's format-2 skill-tagger-minilm.jrst still loads
        Assert.Equal("4A52454C01000000", Header(EscoLabelVectorFile.Format));   // esco-skill-labels-minilm.vec
        Assert.Equal("4A52575301000000", Header(WordStateCache.Format));
        Assert.Equal("4A524C4D03000000", Header(JobRec.ML.Language.Model.LanguageModelCheckpoint.Format));
        Assert.Equal("4A524D4F44454C0A01000000", Header(JobRec.ML.Models.ModelFile.Format));
        Assert.Equal("4A524F4E4554434C04000000", Header(OnetModelFile.Format)); // v4: the encoder's model-file identity in ENCD
        Assert.Equal(56, OnetModelFile.HeaderLength);

        // The recommender header was BinaryWriter.Write("JOBREC-RECOMMENDER") (length byte, ASCII) and Write(2).
        var old = new MemoryStream();
        using (var writer = new BinaryWriter(old, Encoding.UTF8, leaveOpen: true)) { writer.Write("JOBREC-RECOMMENDER"); writer.Write(2); }
        Assert.Equal(Convert.ToHexString(old.ToArray()), Header(RecommenderStore.Format));
        var e = Assert.Throws<InvalidDataException>(() => RecommenderStore.Load(new MemoryStream("definitely not a model"u8.ToArray()), ToyMarket.TwoCommunities(6), source: "m.bin"));
        Assert.StartsWith("m.bin offset 0: expected magic \"\\x12JOBREC-RECOMMENDER\", found", e.Message);
    }

    [Fact]
    public void Embedding_cache_of_the_unversioned_layout_loads_and_grows_in_it_while_new_caches_carry_a_version()
    {
        var inner = new HashingTextEncoder(4);
        var vector = inner.Encode(["nurse"]);
        var legacy = Path.Combine(_dir, "legacy.bin");
        var old = new MemoryStream();
        using (var w = new BinaryWriter(old, Encoding.UTF8, leaveOpen: true))
        {
            w.Write("JRE1"u8); w.Write(4); w.Write(5); w.Write("nurse"u8); foreach (var x in vector) w.Write(x);
        }
        File.WriteAllBytes(legacy, old.ToArray());

        var counting = new HashingTextEncoder(4);
        using (var cache = new DiskCachedTextEncoder(counting, legacy))
        {
            Assert.Equal(1, cache.Count);
            Assert.Equal(vector, cache.Encode(["nurse"]));
            cache.Encode(["driver"]);
        }
        Assert.Equal(1, counting.Calls);
        var grown = File.ReadAllBytes(legacy);
        Assert.Equal(old.ToArray(), grown[..old.ToArray().Length]);
        using (var again = new DiskCachedTextEncoder(new HashingTextEncoder(4), legacy)) Assert.Equal(2, again.Count);

        var fresh = Path.Combine(_dir, "fresh.bin");
        using (var cache = new DiskCachedTextEncoder(new HashingTextEncoder(4), fresh)) cache.Encode(["nurse"]);
        Assert.Equal("4A52454302000000" + "04000000", Convert.ToHexString(File.ReadAllBytes(fresh)[..12]));
        using (var cache = new DiskCachedTextEncoder(new HashingTextEncoder(4), fresh)) Assert.Equal(vector, cache.Encode(["nurse"]));

        File.WriteAllBytes(fresh, "JREC\u0003\0\0\0\u0004\0\0\0"u8.ToArray());
        Assert.Contains("embedding cache format version 3 is not supported", Assert.Throws<InvalidDataException>(() => new DiskCachedTextEncoder(new HashingTextEncoder(4), fresh)).Message);
    }

    [Fact]
    public void Projection_head_of_the_unversioned_layout_loads_and_a_saved_one_carries_a_version()
    {
        var weights = new float[] { 1, 0.5f, 0, 1 };
        var legacy = Path.Combine(_dir, "head.bin");
        File.WriteAllBytes(legacy, [.. "JRPH"u8, .. BitConverter.GetBytes(2), .. MemoryMarshal.AsBytes(weights.AsSpan())]);
        var head = ProjectionHead.Load(legacy);
        Assert.Equal(weights, head.Weights);

        var saved = Path.Combine(_dir, "saved.bin");
        head.Save(saved);
        var bytes = File.ReadAllBytes(saved);
        Assert.Equal("4A5250520200000002000000", Convert.ToHexString(bytes[..12]));
        Assert.Equal(weights, ProjectionHead.Load(saved).Weights);
        File.WriteAllBytes(saved, bytes[..^1]);
        Assert.Contains("truncated", Assert.Throws<InvalidDataException>(() => ProjectionHead.Load(saved)).Message);
    }

    [Fact]
    public void Candidate_list_file_of_the_unversioned_layout_still_reads()
    {
        var path = Path.Combine(_dir, "lists.bin");
        var list = new RerankList([4, 2], [1, 2, 3, 4], Relevant: 1);
        RerankListFile.Write(path, 2, [list], []);
        var current = File.ReadAllBytes(path);
        Assert.Equal("4A52524C4953545302000000", Convert.ToHexString(current[..12]));
        File.WriteAllBytes(path, [.. "JRRLIST1"u8, .. current[12..]]);
        var (features, training, scored) = RerankListFile.Read(path);
        Assert.Equal(2, features);
        Assert.Equal(list.Features, Assert.Single(training).Features);
        Assert.Empty(scored);
    }

    private static string Header(JobRec.FileFormats.BinaryFileFormat format)
    {
        var bytes = new byte[format.HeaderLength];
        format.WriteHeader(bytes);
        return Convert.ToHexString(bytes);
    }
}
