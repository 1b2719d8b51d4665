using ParquetSharp;

namespace JobRec.Data.Parquet.Writing;

/// <summary>One column of a <see cref="ParquetTableWriter"/>: holds the current row group's values.</summary>
public abstract class ColumnBuffer : IDisposable
{
    /// <summary>The column's name.</summary>
    public abstract string Name { get; }

    /// <summary>Values held for the current row group.</summary>
    public abstract int Count { get; }

    /// <summary>The library's column declaration.</summary>
    internal abstract Column Declaration { get; }

    /// <summary>Writes the held values to <paramref name="writer"/> and empties the buffer.</summary>
    internal abstract void WriteTo(ColumnWriter writer);

    /// <inheritdoc />
    public abstract void Dispose();
}

/// <summary>A column of .NET type <typeparamref name="T"/>.</summary>
/// <typeparam name="T">The value type as ParquetSharp maps it (string, bool, double?, string[], DateTime? ...).</typeparam>
public sealed class ColumnBuffer<T> : ColumnBuffer
{
    private readonly T[] _values;
    private readonly LogicalType? _logicalType;
    private int _count;

    internal ColumnBuffer(string name, LogicalType? logicalType, int capacity)
    {
        Name = name;
        _logicalType = logicalType;
        _values = new T[capacity];
        Declaration = new Column<T>(name, logicalType);
    }

    /// <inheritdoc />
    public override string Name { get; }

    /// <inheritdoc />
    public override int Count => _count;

    /// <inheritdoc />
    internal override Column Declaration { get; }

    /// <summary>Sets the current row's value.</summary>
    public void Add(T value) => _values[_count++] = value;

    /// <inheritdoc />
    internal override void WriteTo(ColumnWriter writer)
    {
        using var logical = writer.LogicalWriter<T>();
        logical.WriteBatch(_values.AsSpan(0, _count));
        Array.Clear(_values, 0, _count);
        _count = 0;
    }

    /// <inheritdoc />
    public override void Dispose() => _logicalType?.Dispose();
}
