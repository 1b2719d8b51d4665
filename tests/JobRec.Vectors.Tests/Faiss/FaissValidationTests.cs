using JobRec.Vectors.Exact;
using JobRec.Vectors.Faiss;
using JobRec.Vectors.Index;

namespace JobRec.Vectors.Tests.Faiss;

/// <summary>Bad input must become a managed exception with a clear message for both the FAISS and the exact index.</summary>
public sealed class FaissValidationTests
{
    private const int Dim = 16;

    public FaissValidationTests() => FaissFixture.RequireShim();

    public static TheoryData<string> Indexes => ["flat", "hnsw", "ivf", "exact"];

    private static IVectorIndex Create(string name)
    {
        var data = TestVectors.Unit(64, Dim);
        IVectorIndex index = name switch
        {
            "flat" => FaissIndex.CreateFlat(Dim),
            "hnsw" => FaissIndex.CreateHnsw(Dim),
            "ivf" => FaissIndex.CreateIvf(Dim, new IvfParameters(4, 2)),
            _ => new ExactInnerProductIndex(Dim),
        };
        if (index is FaissIndex { Kind: FaissIndexKind.Ivf } ivf)
        {
            ivf.Train(data);
        }

        index.Add(data, TestVectors.Ids(64));
        return index;
    }

    [Theory]
    [MemberData(nameof(Indexes))]
    public void Query_of_the_wrong_dimension_is_rejected(string name)
    {
        using var index = Create(name);
        var error = Assert.Throws<ArgumentException>(() => index.Search(new float[Dim + 1], 3));
        Assert.Contains("Dimension mismatch", error.Message);
        Assert.Contains("17 floats", error.Message);
    }

    [Theory]
    [MemberData(nameof(Indexes))]
    public void K_out_of_range_is_rejected(string name)
    {
        using var index = Create(name);
        var query = TestVectors.Unit(1, Dim);
        Assert.Throws<ArgumentOutOfRangeException>(() => index.Search(query, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => index.Search(query, -3));
        var tooLarge = Assert.Throws<ArgumentOutOfRangeException>(() => index.Search(query, VectorIndexLimits.MaxK + 1));
        Assert.Contains("at most", tooLarge.Message);
    }

    [Theory]
    [MemberData(nameof(Indexes))]
    public void NaN_and_infinite_values_are_rejected_with_their_position(string name)
    {
        using var index = Create(name);
        var queries = TestVectors.Unit(3, Dim);
        queries[(2 * Dim) + 5] = float.NaN;
        var nan = Assert.Throws<ArgumentException>(() => index.Search(queries, 1));
        Assert.Contains("NaN value at vector 2, component 5", nan.Message);

        var vectors = TestVectors.Unit(2, Dim);
        vectors[3] = float.PositiveInfinity;
        var inf = Assert.Throws<ArgumentException>(() => index.Add(vectors, [100, 101]));
        Assert.Contains("infinite value at vector 0, component 3", inf.Message);
        Assert.Equal(64, index.Count);
    }

    [Theory]
    [MemberData(nameof(Indexes))]
    public void Ids_length_mismatch_and_negative_ids_are_rejected(string name)
    {
        using var index = Create(name);
        var mismatch = Assert.Throws<ArgumentException>(() => index.Add(TestVectors.Unit(3, Dim), [100, 101]));
        Assert.Contains("Length mismatch: 2 ids need 32 floats", mismatch.Message);
        var negative = Assert.Throws<ArgumentException>(() => index.Add(TestVectors.Unit(1, Dim), [-4]));
        Assert.Contains("ids[0] is -4", negative.Message);
        var duplicate = Assert.Throws<ArgumentException>(() => index.Add(TestVectors.Unit(1, Dim), [5]));
        Assert.Contains("id 5 at position 0 is already in the index", duplicate.Message);
        Assert.Equal(64, index.Count);
    }

    [Fact]
    public void Bad_construction_parameters_are_rejected_before_native_code()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => FaissIndex.CreateFlat(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => FaissIndex.CreateFlat(VectorIndexLimits.MaxDimension + 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => FaissIndex.CreateHnsw(Dim, new HnswParameters(M: 1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => FaissIndex.CreateIvf(Dim, new IvfParameters(Nlist: 4, Nprobe: 5)));
    }

    [Fact]
    public void Ivf_must_be_trained_with_enough_vectors_before_adding()
    {
        using var ivf = FaissIndex.CreateIvf(Dim, new IvfParameters(32, 4));
        var untrained = Assert.Throws<InvalidOperationException>(() => ivf.Add(TestVectors.Unit(1, Dim), [1]));
        Assert.Contains("not trained", untrained.Message);
        var tooFew = Assert.Throws<ArgumentException>(() => ivf.Train(TestVectors.Unit(10, Dim)));
        Assert.Contains("at least nlist=32 vectors, got 10", tooFew.Message);
    }
}
