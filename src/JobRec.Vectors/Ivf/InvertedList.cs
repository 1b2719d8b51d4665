using JobRec.Vectors.Index;

namespace JobRec.Vectors.Ivf;

/// <summary>One list of an inverted file: its rows stored contiguously (floats, or signed-byte codes with one scale per row) with their
/// ids; removal moves the last row into the gap.</summary>
internal sealed class InvertedList
{
    private readonly int _dimension;

    /// <summary>Creates an empty list of <paramref name="dimension"/>-vectors stored as <paramref name="encoding"/>.</summary>
    public InvertedList(int dimension, InvertedListEncoding encoding = InvertedListEncoding.Float32)
    {
        _dimension = dimension;
        Encoding = encoding;
    }

    /// <summary>How the rows are stored.</summary>
    public InvertedListEncoding Encoding { get; }

    /// <summary>Row-major float rows (<see cref="InvertedListEncoding.Float32"/>); the first <see cref="Count"/> rows are valid.</summary>
    public float[] Vectors { get; private set; } = [];

    /// <summary>Row-major codes (<see cref="InvertedListEncoding.Int8"/>); the first <see cref="Count"/> rows are valid.</summary>
    public sbyte[] Codes { get; private set; } = [];

    /// <summary>Decoding scale of each code row (<see cref="InvertedListEncoding.Int8"/>).</summary>
    public float[] Scales { get; private set; } = [];

    /// <summary>Id of each row; the first <see cref="Count"/> are valid.</summary>
    public long[] Ids { get; private set; } = [];

    /// <summary>Rows held.</summary>
    public int Count { get; private set; }

    /// <summary>Appends a vector and returns its row.</summary>
    public int Add(ReadOnlySpan<float> vector, long id)
    {
        if (Count == Ids.Length)
        {
            Grow(Math.Max(8, Ids.Length * 2));
        }

        if (Encoding == InvertedListEncoding.Int8)
        {
            Scales[Count] = Int8Codes.Encode(vector, Codes.AsSpan(Count * _dimension, _dimension));
        }
        else
        {
            vector.CopyTo(Vectors.AsSpan(Count * _dimension, _dimension));
        }

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

        if (Encoding == InvertedListEncoding.Int8)
        {
            Codes.AsSpan(last * _dimension, _dimension).CopyTo(Codes.AsSpan(row * _dimension, _dimension));
            Scales[row] = Scales[last];
        }
        else
        {
            Vectors.AsSpan(last * _dimension, _dimension).CopyTo(Vectors.AsSpan(row * _dimension, _dimension));
        }

        Ids[row] = Ids[last];
        return Ids[row];
    }

    /// <summary>Appends row <paramref name="row"/> of <paramref name="source"/> (same dimension and encoding) without decoding it; returns its row here.</summary>
    public int AddRowFrom(InvertedList source, int row)
    {
        if (Count == Ids.Length)
        {
            Grow(Math.Max(8, Ids.Length * 2));
        }

        if (Encoding == InvertedListEncoding.Int8)
        {
            source.Codes.AsSpan(row * _dimension, _dimension).CopyTo(Codes.AsSpan(Count * _dimension, _dimension));
            Scales[Count] = source.Scales[row];
        }
        else
        {
            source.Vectors.AsSpan(row * _dimension, _dimension).CopyTo(Vectors.AsSpan(Count * _dimension, _dimension));
        }

        Ids[Count] = source.Ids[row];
        return Count++;
    }

    /// <summary>Empties the list, keeping its storage.</summary>
    public void Clear() => Count = 0;

    /// <summary>Writes row <paramref name="row"/> (decoded when stored as codes) into <paramref name="destination"/>.</summary>
    public void DecodeRow(int row, Span<float> destination)
    {
        if (Encoding == InvertedListEncoding.Int8)
        {
            Int8Codes.Decode(Codes.AsSpan(row * _dimension, _dimension), Scales[row], destination);
        }
        else
        {
            Vectors.AsSpan(row * _dimension, _dimension).CopyTo(destination);
        }
    }

    /// <summary>Writes every row (decoded when stored as codes) into <paramref name="destination"/>, row-major.</summary>
    public void CopyRowsTo(Span<float> destination)
    {
        if (Encoding == InvertedListEncoding.Int8)
        {
            for (var row = 0; row < Count; row++)
            {
                Int8Codes.Decode(Codes.AsSpan(row * _dimension, _dimension), Scales[row], destination.Slice(row * _dimension, _dimension));
            }
        }
        else
        {
            Vectors.AsSpan(0, Count * _dimension).CopyTo(destination);
        }
    }

    private void Grow(int capacity)
    {
        var ids = Ids;
        Array.Resize(ref ids, capacity);
        Ids = ids;
        if (Encoding == InvertedListEncoding.Int8)
        {
            var codes = Codes;
            var scales = Scales;
            Array.Resize(ref codes, checked(capacity * _dimension));
            Array.Resize(ref scales, capacity);
            Codes = codes;
            Scales = scales;
        }
        else
        {
            var vectors = Vectors;
            Array.Resize(ref vectors, checked(capacity * _dimension));
            Vectors = vectors;
        }
    }
}
