using JobRec.Vectors.Index;

namespace JobRec.Vectors.Ivf;

/// <summary>
/// The lists a re-clustering builds beside the live index: new centroids, rows assigned to their nearest one, and the ids touched
/// in the live index since the re-clustering began (<see cref="Dirty"/>), which it re-reads before it is swapped in.
/// </summary>
/// <remarks>Invariant: once <see cref="Dirty"/> is empty and every row below <see cref="HeldAtStart"/> has been copied,
/// <see cref="Where"/> holds exactly the live index's ids with their current vectors. Only the rebuilding thread touches the lists;
/// <see cref="Dirty"/> is written under the live index's write lock.</remarks>
internal sealed class InvertedFileRebuild
{
    private readonly int _dimension;
    private readonly float[] _decoded;

    /// <summary>Creates empty lists around <paramref name="centroids"/> (row-major unit vectors) for a live index whose lists held
    /// <paramref name="heldAtStart"/> rows each when the rebuild began.</summary>
    public InvertedFileRebuild(float[] centroids, int dimension, InvertedListEncoding encoding, int expectedCount, int[] heldAtStart)
    {
        HeldAtStart = heldAtStart;
        _dimension = dimension;
        _decoded = new float[dimension];
        Centroids = centroids;
        Lists = new InvertedList[centroids.Length / dimension];
        for (var c = 0; c < Lists.Length; c++)
        {
            Lists[c] = new InvertedList(dimension, encoding);
        }

        Where = new Dictionary<long, (int List, int Row)>(expectedCount);
    }

    /// <summary>Rows each live list held when the rebuild began (the rows the first pass copies).</summary>
    public int[] HeldAtStart { get; }

    /// <summary>The new centroids.</summary>
    public float[] Centroids { get; }

    /// <summary>The new lists.</summary>
    public InvertedList[] Lists { get; }

    /// <summary>Where each id sits in <see cref="Lists"/>.</summary>
    public Dictionary<long, (int List, int Row)> Where { get; }

    /// <summary>Ids added, removed or moved in the live index since the rebuild began (guarded by the live index's write lock).</summary>
    public HashSet<long> Dirty { get; set; } = [];

    /// <summary>Copies row <paramref name="row"/> of <paramref name="source"/> (encoded rows are copied as they are) into the nearest new list,
    /// replacing any row the id already has.</summary>
    public void CopyRow(InvertedList source, int row)
    {
        var id = source.Ids[row];
        Remove(id);
        source.DecodeRow(row, _decoded);
        var list = SphericalKMeans.Nearest(Centroids, _dimension, _decoded);
        Where[id] = (list, Lists[list].AddRowFrom(source, row));
    }

    /// <summary>Removes <paramref name="id"/> from the new lists if they hold it.</summary>
    public void Remove(long id)
    {
        if (!Where.Remove(id, out var at))
        {
            return;
        }

        var moved = Lists[at.List].RemoveAt(at.Row);
        if (moved >= 0)
        {
            Where[moved] = at;
        }
    }

    /// <summary>The new centroids as codes with one scale each (for code lists, whose searches score centroids from codes).</summary>
    public (sbyte[] Codes, float[] Scales) EncodeCentroids()
    {
        var codes = new sbyte[Centroids.Length];
        var scales = new float[Lists.Length];
        for (var c = 0; c < Lists.Length; c++)
        {
            scales[c] = Int8Codes.Encode(Centroids.AsSpan(c * _dimension, _dimension), codes.AsSpan(c * _dimension, _dimension));
        }

        return (codes, scales);
    }
}
