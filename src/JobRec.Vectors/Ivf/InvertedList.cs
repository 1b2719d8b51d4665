namespace JobRec.Vectors.Ivf;

/// <summary>One list of an inverted file: its vectors stored contiguously (row-major) with their ids; removal moves the last row into the gap.</summary>
internal sealed class InvertedList
{
    private readonly int _dimension;

    /// <summary>Creates an empty list of <paramref name="dimension"/>-vectors.</summary>
    public InvertedList(int dimension) => _dimension = dimension;

    /// <summary>Row-major vectors; the first <see cref="Count"/> rows are valid.</summary>
    public float[] Vectors { get; private set; } = [];

    /// <summary>Id of each row; the first <see cref="Count"/> are valid.</summary>
    public long[] Ids { get; private set; } = [];

    /// <summary>Rows held.</summary>
    public int Count { get; private set; }

    /// <summary>Appends a vector and returns its row.</summary>
    public int Add(ReadOnlySpan<float> vector, long id)
    {
        if (Count == Ids.Length)
        {
            var capacity = Math.Max(8, Ids.Length * 2);
            var ids = Ids;
            var vectors = Vectors;
            Array.Resize(ref ids, capacity);
            Array.Resize(ref vectors, checked(capacity * _dimension));
            Ids = ids;
            Vectors = vectors;
        }

        vector.CopyTo(Vectors.AsSpan(Count * _dimension, _dimension));
        Ids[Count] = id;
        return Count++;
    }

    /// <summary>Removes a row by moving the last row into it; returns the id that moved into <paramref name="row"/>, or -1 when the last row itself was removed.</summary>
    public long RemoveAt(int row)
    {
        var last = Count - 1;
        Count--;
        if (row == last)
        {
            return -1;
        }

        Vectors.AsSpan(last * _dimension, _dimension).CopyTo(Vectors.AsSpan(row * _dimension, _dimension));
        Ids[row] = Ids[last];
        return Ids[row];
    }

    /// <summary>The vector at a row.</summary>
    public ReadOnlySpan<float> Row(int row) => Vectors.AsSpan(row * _dimension, _dimension);
}
