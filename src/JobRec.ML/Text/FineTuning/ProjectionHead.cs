using JobRec.FileFormats;
using JobRec.ML.Numerics;

namespace JobRec.ML.Text.FineTuning;

/// <summary>A learned linear map on top of a frozen sentence encoder: y = normalize(x W), W (dim x dim) starting as the identity.</summary>
public sealed class ProjectionHead
{
    /// <summary>The head's file format: magic "JRPR", version 2, dimension, weights. Version 1 is the older header without a version field
    /// (magic "JRPH", dimension, weights), still read.</summary>
    public static readonly BinaryFileFormat Format = new("projection head", "JRPR"u8, version: 2, oldestReadable: 1, unversionedMagic: "JRPH"u8.ToArray());

    /// <summary>Creates the identity head for <paramref name="dimension"/>-d vectors.</summary>
    public ProjectionHead(int dimension)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        Dimension = dimension;
        Weights = new float[dimension * dimension];
        for (int i = 0; i < dimension; i++) Weights[i * dimension + i] = 1f;
    }

    /// <summary>Vector length in and out.</summary>
    public int Dimension { get; }

    /// <summary>Row-major dim x dim weight matrix (input row vector times W).</summary>
    public float[] Weights { get; }

    /// <summary>Projects and L2-normalises the rows of <paramref name="vectors"/> (rows x Dimension); all-zero rows stay zero.</summary>
    /// <exception cref="ArgumentException">The length is not a multiple of Dimension.</exception>
    public float[] Apply(ReadOnlySpan<float> vectors, IComputeBackend? backend = null)
    {
        if (vectors.Length % Dimension != 0) throw new ArgumentException($"length {vectors.Length} is not a multiple of {Dimension}", nameof(vectors));
        int rows = vectors.Length / Dimension;
        var output = new float[vectors.Length];
        (backend ?? CpuComputeBackend.Instance).MatMul(false, false, rows, Dimension, Dimension, 1f, vectors, Weights, 0f, output);
        MatrixRows.L2Normalize(output, Dimension);
        return output;
    }

    /// <summary>Writes the head to <paramref name="path"/> (<see cref="Format"/> header, dimension, weights).</summary>
    public void Save(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var writer = new BinaryWriter(File.Create(path));
        Format.WriteHeader(writer);
        writer.Write(Dimension);
        foreach (var w in Weights) writer.Write(w);
    }

    /// <summary>Reads a head written by <see cref="Save"/>.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not a projection head or is truncated; the message gives the offset.</exception>
    public static ProjectionHead Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"projection head not found: {path}", path);
        using var reader = new BinaryReader(File.OpenRead(path));
        long length = reader.BaseStream.Length;
        int at = Format.ReadHeader(reader.BaseStream, path).Length;
        if (length < at + 4) throw Format.Error(path, length, "the file ends before the dimension; it is truncated");
        int dim = reader.ReadInt32();
        if (dim <= 0 || dim > 65536) throw Format.Error(path, at, $"invalid dimension {dim}");
        long expected = at + 4 + 4L * dim * dim;
        if (length != expected) throw new InvalidDataException($"{path}: {length} bytes, a {dim}-d head needs {expected} (truncated or trailing data at offset {Math.Min(length, expected)})");
        var head = new ProjectionHead(dim);
        for (int i = 0; i < head.Weights.Length; i++) head.Weights[i] = reader.ReadSingle();
        return head;
    }
}
