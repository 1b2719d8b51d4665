using JobRec.Vectors.Benchmarks;

namespace JobRec.Vectors.Tests;

/// <summary>Deterministic unit vectors and sequential ids for tests.</summary>
internal static class TestVectors
{
    public static float[] Unit(int count, int dimension, int seed = 1) =>
        new UnitVectorGenerator(dimension, seed).Next(count);

    public static long[] Ids(int count, long first = 0)
    {
        var ids = new long[count];
        for (var i = 0; i < count; i++)
        {
            ids[i] = first + i;
        }

        return ids;
    }
}
