using ParquetSharp;
using ParquetSharp.IO;

namespace JobRec.Data.Parquet.Writing;

/// <summary>
/// Writes a flat table (scalars and lists of scalars) through ParquetSharp: declare the columns with <see cref="Column{T}"/>,
/// then per row set every column's value and call <see cref="EndRow"/>; a row group is written each
/// <see cref="ParquetWriteOptions.RowGroupSize"/> rows, so memory holds one row group. Call <see cref="Finish"/> to write the footer.
/// </summary>
public sealed class ParquetTableWriter : IDisposable
{
    private readonly Stream _output;
    private readonly ParquetWriteOptions _options;
    private readonly List<ColumnBuffer> _columns = [];
    private readonly List<string> _unique = [];
    private ManagedOutputStream? _stream;
    private ParquetFileWriter? _writer;
    private int _buffered;

    /// <summary>Creates the writer over <paramref name="output"/> (left open when the writer is disposed).</summary>
    public ParquetTableWriter(Stream output, ParquetWriteOptions? options = null)
    {
        _output = output;
        _options = options ?? ParquetWriteOptions.Default;
        if (_options.RowGroupSize <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), _options.RowGroupSize, "row group size must be positive");
        }
    }

    /// <summary>Rows written so far (including buffered ones).</summary>
    public long RowCount { get; private set; }

    /// <summary>
    /// Declares the next column, of .NET type <typeparamref name="T"/> (string, bool, double?, float[], string[], DateTime?, decimal? ...),
    /// optionally with a logical type (e.g. a decimal's precision and scale, a timestamp's unit). <paramref name="unique"/> marks
    /// columns whose values rarely repeat (ids, free text): they skip dictionary encoding, which would only cost time.
    /// </summary>
    public ColumnBuffer<T> Column<T>(string name, LogicalType? logicalType = null, bool unique = false)
    {
        if (unique)
        {
            _unique.Add(name);
        }

        if (_writer is not null)
        {
            throw new InvalidOperationException("columns must be declared before the first row");
        }

        var column = new ColumnBuffer<T>(name, logicalType, _options.RowGroupSize);
        _columns.Add(column);
        return column;
    }

    /// <summary>Ends the current row: every column must have had its value set once.</summary>
    public void EndRow()
    {
        _writer ??= Open();
        _buffered++;
        RowCount++;
        foreach (var column in _columns)
        {
            if (column.Count != _buffered)
            {
                throw new InvalidOperationException($"column {column.Name} has {column.Count} values in a row group of {_buffered} rows");
            }
        }

        if (_buffered == _options.RowGroupSize)
        {
            Flush();
        }
    }

    /// <summary>Writes the last row group and the footer.</summary>
    public void Finish()
    {
        _writer ??= Open();
        Flush();
        _writer.Close();
        _stream!.Dispose();
        _stream = null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _writer?.Dispose();
        _stream?.Dispose();
        foreach (var column in _columns)
        {
            column.Dispose();
        }
    }

    private ParquetFileWriter Open()
    {
        var builder = new WriterPropertiesBuilder()
            .Compression(_options.Codec switch
            {
                ParquetCodec.Uncompressed => Compression.Uncompressed,
                ParquetCodec.Snappy => Compression.Snappy,
                ParquetCodec.Gzip => Compression.Gzip,
                ParquetCodec.Brotli => Compression.Brotli,
                ParquetCodec.Zstd => Compression.Zstd,
                ParquetCodec.Lz4 => Compression.Lz4,
                _ => throw new ArgumentOutOfRangeException(nameof(_options.Codec), _options.Codec, "unknown codec"),
            })
            .DataPagesize(_options.PageSizeBytes)
            .DictionaryPagesizeLimit(_options.MaxDictionaryBytes)
            .MaxRowGroupLength(_options.RowGroupSize)
            .CreatedBy("jobrec (ParquetSharp)");
        builder = _options.DictionaryEncodeStrings ? builder.EnableDictionary() : builder.DisableDictionary();
        foreach (string name in _unique)
        {
            builder = builder.DisableDictionary(name);
        }

        if (!_options.WriteStatistics)
        {
            builder = builder.DisableStatistics();
        }

        if (_options.WriteChecksums)
        {
            builder = builder.EnablePageChecksum();
        }

        using var properties = builder.Build();
        builder.Dispose();
        _stream = new ManagedOutputStream(_output, leaveOpen: true);
        var columns = _columns.Select(c => c.Declaration).ToArray();
        return new ParquetFileWriter(_stream, columns, properties, _options.Metadata.Count == 0 ? null : _options.Metadata);
    }

    private void Flush()
    {
        if (_buffered == 0)
        {
            return;
        }

        if (_options.ParallelColumns && _columns.Count > 1)
        {
            // A buffered row group has a writer per column up front, each encoding and compressing into its own
            // buffer; the file is written in column order when the row group closes.
            using var rowGroup = _writer!.AppendBufferedRowGroup();
            var writers = Enumerable.Range(0, _columns.Count).Select(rowGroup.Column).ToArray();
            try
            {
                Parallel.For(0, _columns.Count, c => _columns[c].WriteTo(writers[c]));
            }
            finally
            {
                foreach (var writer in writers)
                {
                    writer.Dispose();
                }
            }

            rowGroup.Close();
        }
        else
        {
            using var rowGroup = _writer!.AppendRowGroup();
            foreach (var column in _columns)
            {
                using var writer = rowGroup.NextColumn();
                column.WriteTo(writer);
            }
        }

        _buffered = 0;
    }
}
