using ParquetSharp;

namespace JobRec.Data.Parquet.Reading;

/// <summary>
/// Reads one leaf column of one row group in batches of rows, as plain values (<see cref="ParquetValues"/>): a scalar per row,
/// or for repeated columns a list per row (nested lists for nested LISTs). Uses the library's logical reader, and its physical
/// reader for columns the logical reader has no mapping for (byte-array decimals, untyped fixed-length byte arrays, legacy
/// repeated fields), where a row's value is the flat list of its present leaf values.
/// </summary>
internal abstract class LeafColumnReader : IDisposable
{
    /// <summary>The leaf's dotted path.</summary>
    public required string Path { get; init; }

    /// <summary>Opens leaf <paramref name="column"/> of <paramref name="rowGroup"/>, reading at most <paramref name="batchRows"/> rows per call.</summary>
    public static LeafColumnReader Open(RowGroupReader rowGroup, int column, int batchRows)
    {
        var reader = rowGroup.Column(column);
        string path;
        using (var columnPath = reader.ColumnDescriptor.Path)
        {
            path = columnPath.ToDotString();
        }

        // Timestamps go through the physical reader so that values outside DateTime's range become text, not an error.
        if (ParquetValues.LogicalKind(reader.ColumnDescriptor) != LogicalTypeEnum.Timestamp)
        {
            try
            {
                var logical = reader.LogicalReader(false, batchRows);
                return logical.Apply(new LogicalFactory(reader, path, batchRows));
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // No logical mapping for this column (or a schema shape the logical reader rejects): read physical values and levels.
            }
        }

        return reader.Apply(new PhysicalFactory(reader, path));
    }

    /// <summary>Reads up to <paramref name="destination"/>.Length rows into it; returns the rows read (0 at the end of the row group).</summary>
    public abstract int Read(Span<object?> destination);

    /// <inheritdoc />
    public abstract void Dispose();

    private sealed class LogicalFactory(ColumnReader column, string path, int batchRows) : ILogicalColumnReaderVisitor<LeafColumnReader>
    {
        public LeafColumnReader OnLogicalColumnReader<TValue>(LogicalColumnReader<TValue> reader) => new Logical<TValue>(column, reader, batchRows) { Path = path };
    }

    private sealed class PhysicalFactory(ColumnReader column, string path) : IColumnReaderVisitor<LeafColumnReader>
    {
        public LeafColumnReader OnColumnReader<TValue>(ColumnReader<TValue> reader)
            where TValue : unmanaged => new Physical<TValue>(column, reader) { Path = path };
    }

    private sealed class Logical<TValue>(ColumnReader column, LogicalColumnReader<TValue> reader, int batchRows) : LeafColumnReader
    {
        private readonly TValue[] _buffer = new TValue[batchRows];

        public override int Read(Span<object?> destination)
        {
            int wanted = Math.Min(destination.Length, _buffer.Length);
            int read = 0;
            while (read < wanted && reader.HasNext)
            {
                int n = reader.ReadBatch(_buffer.AsSpan(read, wanted - read));
                if (n == 0)
                {
                    break;
                }

                read += n;
            }

            for (int i = 0; i < read; i++)
            {
                destination[i] = ParquetValues.ToPlain(_buffer[i]);
            }

            return read;
        }

        public override void Dispose()
        {
            reader.Dispose();
            column.Dispose();
        }
    }

    // Rows from raw values and levels: a required/optional leaf gives its value or null; a repeated one the list of its present values.
    private sealed class Physical<TValue> : LeafColumnReader
        where TValue : unmanaged
    {
        private const int Chunk = 4096;
        private readonly ColumnReader _column;
        private readonly ColumnReader<TValue> _reader;
        private readonly ColumnDescriptor _descriptor;
        private readonly short _maxDef;
        private readonly short _maxRep;
        private readonly short[] _def = new short[Chunk];
        private readonly short[] _rep = new short[Chunk];
        private readonly TValue[] _values = new TValue[Chunk];
        private readonly ParquetSharp.TimeUnit? _timestamp;
        private int _levels;
        private int _level;
        private int _value;

        public Physical(ColumnReader column, ColumnReader<TValue> reader)
        {
            _column = column;
            _reader = reader;
            _descriptor = column.ColumnDescriptor;
            _maxDef = _descriptor.MaxDefinitionLevel;
            _maxRep = _descriptor.MaxRepetitionLevel;
            _timestamp = ParquetValues.TimestampUnit(_descriptor);
        }

        public override int Read(Span<object?> destination)
        {
            int rows = 0;
            while (rows < destination.Length && Fill())
            {
                if (_maxRep == 0)
                {
                    destination[rows++] = _def[_level++] == _maxDef ? Value() : null;
                    continue;
                }

                var list = new List<object?>();
                do
                {
                    if (_def[_level] == _maxDef)
                    {
                        list.Add(Value());
                    }

                    _level++;
                }
                while (Fill() && _rep[_level] != 0);
                destination[rows++] = list;
            }

            return rows;
        }

        public override void Dispose()
        {
            _reader.Dispose();
            _column.Dispose();
        }

        // True when a level is buffered at _level, reading the next chunk when needed.
        private bool Fill()
        {
            if (_level < _levels)
            {
                return true;
            }

            if (!_reader.HasNext)
            {
                return false;
            }

            _levels = (int)_reader.ReadBatch(Chunk, _def, _rep, _values, out _);
            _level = 0;
            _value = 0;
            if (_maxDef == 0)
            {
                Array.Fill(_def, (short)0, 0, _levels);
            }

            if (_maxRep == 0)
            {
                Array.Fill(_rep, (short)0, 0, _levels);
            }

            return _levels > 0;
        }

        private object? Value()
        {
            TValue v = _values[_value++];
            return v switch
            {
                ByteArray b => ParquetValues.FromBytes(ParquetValues.Copy(b.Pointer, b.Length), _descriptor),
                FixedLenByteArray f => ParquetValues.FromBytes(ParquetValues.Copy(f.Pointer, _descriptor.TypeLength), _descriptor),
                long l when _timestamp is { } unit => ParquetValues.FromTimestamp(l, unit),
                _ => ParquetValues.ToPlain(v),
            };
        }
    }
}
