using JobRec.Data.Parquet.Format;
using JobRec.Data.Parquet.Thrift;

namespace JobRec.Data.Parquet.Writing;

/// <summary>Writes a Parquet file row by row: fill each column's buffer, call <see cref="EndRow"/>, and row groups are written as they fill; <see cref="Dispose"/> writes the footer.</summary>
public sealed class ParquetFileWriter : IDisposable
{
    private static readonly byte[] Magic = "PAR1"u8.ToArray();
    private readonly PositionedOutput _output;
    private readonly ParquetColumnBuffer[] _columns;
    private readonly ParquetWriteOptions _options;
    private readonly List<RowGroup> _rowGroups = [];
    private bool _finished;

    /// <summary>Starts a file on <paramref name="output"/> (left open) with the given columns.</summary>
    public ParquetFileWriter(Stream output, IReadOnlyList<ParquetColumnSpec> columns, ParquetWriteOptions? options = null)
    {
        _options = options ?? ParquetWriteOptions.Default;
        if (_options.RowGroupSize <= 0 || _options.PageSizeBytes <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "row group size and page size must be positive");
        }

        if (_options.Codec is not (CompressionCodec.Uncompressed or CompressionCodec.Snappy or CompressionCodec.Gzip or CompressionCodec.Brotli))
        {
            throw new NotSupportedException($"unsupported: writing {_options.Codec} compression");
        }

        var duplicate = columns.GroupBy(c => c.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"column '{duplicate.Key}' is declared twice", nameof(columns));
        }

        _columns = columns.Select(c => new ParquetColumnBuffer(c)).ToArray();
        _output = new PositionedOutput(output);
        _output.Write(Magic);
    }

    /// <summary>Rows completed so far (written or buffered).</summary>
    public long RowCount { get; private set; }

    /// <summary>Bytes written to the output so far.</summary>
    public long BytesWritten => _output.Position;

    /// <summary>The buffer of column <paramref name="index"/>.</summary>
    public ParquetColumnBuffer this[int index] => _columns[index];

    /// <summary>The buffer of the column named <paramref name="name"/>.</summary>
    public ParquetColumnBuffer Column(string name) => _columns.FirstOrDefault(c => c.Spec.Name == name) ?? throw new ArgumentException($"no column '{name}'", nameof(name));

    /// <summary>Completes a row; fails unless every column received exactly one value for it.</summary>
    public void EndRow()
    {
        int expected = (int)(RowCount - WrittenRows) + 1;
        foreach (var c in _columns)
        {
            if (c.RowCount != expected)
            {
                throw new InvalidOperationException($"row {RowCount}: column '{c.Spec.Name}' has {c.RowCount - expected + 1} values for this row, expected 1");
            }
        }

        RowCount++;
        if (expected >= _options.RowGroupSize)
        {
            FlushRowGroup();
        }
    }

    /// <summary>Writes the buffered rows as a row group now (no-op when none are buffered).</summary>
    public void FlushRowGroup()
    {
        int rows = _columns.Length > 0 ? _columns[0].RowCount : 0;
        if (rows == 0)
        {
            return;
        }

        long start = _output.Position;
        var group = new RowGroup { NumRows = rows, FileOffset = start, Ordinal = (short)Math.Min(_rowGroups.Count, short.MaxValue) };
        foreach (var c in _columns)
        {
            var chunk = new ColumnChunkEncoder(c, _options, _output).Write();
            group.Columns.Add(chunk);
            group.TotalByteSize += chunk.MetaData!.TotalUncompressedSize;
            c.Clear();
        }

        group.TotalCompressedSize = _output.Position - start;
        _rowGroups.Add(group);
        WrittenRows += rows;
    }

    /// <summary>Writes any buffered rows and the footer, completing the file; fails when a row was left incomplete.</summary>
    public void Finish()
    {
        if (_finished)
        {
            return;
        }

        if (_columns.Any(c => c.RowCount != RowCount - WrittenRows))
        {
            throw new InvalidOperationException($"row {RowCount} is incomplete: call EndRow after filling every column");
        }

        _finished = true;

        FlushRowGroup();
        var meta = new FileMetaData
        {
            Version = 2,
            NumRows = WrittenRows,
            RowGroups = _rowGroups,
            CreatedBy = "jobrec version 1.0.0",
            KeyValueMetadata = _options.Metadata.Select(kv => new KeyValue(kv.Key, kv.Value)).ToList(),
            Schema = BuildSchema(),
        };
        var thrift = new ThriftCompactWriter();
        meta.Write(thrift);
        _output.Write(thrift.Written);
        Span<byte> tail = stackalloc byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(tail, thrift.Length);
        Magic.CopyTo(tail[4..]);
        _output.Write(tail);
        _output.Flush();
    }

    /// <summary>Completes the file as <see cref="Finish"/> does, unless a row was left incomplete (after an error), in which case the file is left without a footer.</summary>
    public void Dispose()
    {
        if (!_finished && _columns.All(c => c.RowCount == RowCount - WrittenRows))
        {
            Finish();
        }
    }

    private long WrittenRows { get; set; }

    private List<SchemaElement> BuildSchema()
    {
        var schema = new List<SchemaElement> { new() { Name = "schema", NumChildren = _columns.Length } };
        foreach (var spec in _columns.Select(c => c.Spec))
        {
            var leaf = LeafElement(spec);
            if (!spec.IsList)
            {
                leaf.Name = spec.Name;
                leaf.Repetition = spec.Nullable ? FieldRepetition.Optional : FieldRepetition.Required;
                schema.Add(leaf);
                continue;
            }

            schema.Add(new SchemaElement
            {
                Name = spec.Name,
                Repetition = spec.Nullable ? FieldRepetition.Optional : FieldRepetition.Required,
                NumChildren = 1,
                ConvertedType = ConvertedType.List,
                LogicalType = new LogicalType(LogicalTypeKind.List),
            });
            schema.Add(new SchemaElement { Name = "list", Repetition = FieldRepetition.Repeated, NumChildren = 1 });
            leaf.Name = "element";
            leaf.Repetition = spec.ElementNullable ? FieldRepetition.Optional : FieldRepetition.Required;
            schema.Add(leaf);
        }

        return schema;
    }

    private static SchemaElement LeafElement(ParquetColumnSpec spec)
    {
        var e = new SchemaElement { Type = ColumnChunkEncoder.PhysicalTypeOf(spec.Kind) };
        switch (spec.Kind)
        {
            case ParquetValueKind.String:
                e.ConvertedType = ConvertedType.Utf8;
                e.LogicalType = new LogicalType(LogicalTypeKind.String);
                break;
            case ParquetValueKind.TimestampMicros:
                e.ConvertedType = ConvertedType.TimestampMicros;
                e.LogicalType = new LogicalType(LogicalTypeKind.Timestamp) { IsAdjustedToUtc = true, Unit = TimeUnit.Micros };
                break;
            case ParquetValueKind.Decimal:
                if (spec.DecimalScale is < 0 or > 18)
                {
                    throw new ArgumentOutOfRangeException(nameof(spec), $"column '{spec.Name}': decimal scale {spec.DecimalScale} outside 0..18");
                }

                e.ConvertedType = ConvertedType.Decimal;
                e.Scale = spec.DecimalScale;
                e.Precision = 18;
                e.LogicalType = new LogicalType(LogicalTypeKind.Decimal) { Scale = spec.DecimalScale, Precision = 18 };
                break;
        }

        return e;
    }
}
