using System.Buffers.Binary;
using System.Text;
using JobRec.Data.Parquet.Format;
using JobRec.Data.Parquet.Schema;
using JobRec.Data.Parquet.Thrift;

namespace JobRec.Data.Parquet.Reading;

/// <summary>Reads a Parquet file one row group and one column at a time: footer and schema on open, pages only for the columns asked for.</summary>
public sealed class ParquetFileReader : IDisposable
{
    private static readonly byte[] Magic = "PAR1"u8.ToArray();
    private static readonly byte[] EncryptedMagic = "PARE"u8.ToArray();
    private readonly Stream _stream;
    private readonly bool _ownsStream;
    private readonly FileMetaData _meta;
    private readonly long _dataEnd;

    private ParquetFileReader(Stream stream, bool ownsStream, string name, ParquetReadOptions options)
    {
        _stream = stream;
        _ownsStream = ownsStream;
        FilePath = name;
        Options = options;
        try
        {
            (_meta, _dataEnd) = ReadFooter();
            Schema = ParquetSchema.Build(_meta.Schema, name, _dataEnd);
            Validate();
        }
        catch
        {
            if (ownsStream)
            {
                stream.Dispose();
            }

            throw;
        }
    }

    /// <summary>The decoded footer, for tests and tools.</summary>
    internal FileMetaData FileMetaData => _meta;

    /// <summary>The file name used in error messages.</summary>
    public string FilePath { get; }

    /// <summary>The limits this reader applies.</summary>
    public ParquetReadOptions Options { get; }

    /// <summary>The file's schema.</summary>
    public ParquetSchema Schema { get; }

    /// <summary>Total rows over all row groups, as the footer says.</summary>
    public long RowCount => _meta.NumRows;

    /// <summary>Number of row groups.</summary>
    public int RowGroupCount => _meta.RowGroups.Count;

    /// <summary>The writer's name and version, if recorded.</summary>
    public string? CreatedBy => _meta.CreatedBy;

    /// <summary>File-level key/value metadata.</summary>
    public IReadOnlyDictionary<string, string?> Metadata => _meta.KeyValueMetadata.GroupBy(kv => kv.Key).ToDictionary(g => g.Key, g => g.Last().Value);

    /// <summary>Opens <paramref name="path"/>; throws <see cref="ParquetFormatException"/> or <see cref="ParquetUnsupportedException"/> when the footer cannot be used.</summary>
    public static ParquetFileReader Open(string path, ParquetReadOptions? options = null)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.RandomAccess);
        return new ParquetFileReader(stream, true, path, options ?? ParquetReadOptions.Default);
    }

    /// <summary>Reads from a seekable <paramref name="stream"/>, naming it <paramref name="name"/> in errors; the stream stays open.</summary>
    public static ParquetFileReader Open(Stream stream, string name, ParquetReadOptions? options = null)
    {
        if (!stream.CanSeek || !stream.CanRead)
        {
            throw new ArgumentException("parquet needs a readable, seekable stream", nameof(stream));
        }

        return new ParquetFileReader(stream, false, name, options ?? ParquetReadOptions.Default);
    }

    /// <summary>Number of rows in row group <paramref name="rowGroup"/>.</summary>
    public long GetRowGroupRowCount(int rowGroup) => _meta.RowGroups[rowGroup].NumRows;

    /// <summary>Sum of the uncompressed sizes of the given leaf columns' chunks over all row groups (every leaf when null).</summary>
    public long GetUncompressedColumnBytes(IEnumerable<ParquetSchemaNode>? leaves = null)
    {
        var wanted = (leaves ?? Schema.Columns).Select(l => l.ColumnIndex).ToHashSet();
        return _meta.RowGroups.Sum(g => g.Columns.Where((c, i) => wanted.Contains(i)).Sum(c => c.MetaData?.TotalUncompressedSize ?? 0));
    }

    /// <summary>Top-level fields named in <paramref name="names"/> (all when null or empty); unknown names fail with the list of known ones.</summary>
    public IReadOnlyList<ParquetSchemaNode> SelectFields(IReadOnlyCollection<string>? names)
    {
        if (names is null || names.Count == 0)
        {
            return Schema.Fields;
        }

        return names.Select(n => Schema.FindField(n) ?? throw new ArgumentException($"no column '{n}' in {FilePath}; columns: {string.Join(", ", Schema.Fields.Select(f => f.Name))}")).ToList();
    }

    /// <summary>Streams rows of the selected top-level <paramref name="fields"/> (all when null), one row group in memory at a time.</summary>
    /// <returns>Each row as values aligned with the fields; nested values are lists, key/value pair lists and dictionaries.</returns>
    public IEnumerable<object?[]> ReadRows(IReadOnlyList<ParquetSchemaNode>? fields = null)
    {
        fields ??= Schema.Fields;
        for (int g = 0; g < RowGroupCount; g++)
        {
            foreach (var row in ReadRowGroup(g, fields))
            {
                yield return row;
            }
        }
    }

    /// <summary>Reads all rows of one row group for the selected top-level fields.</summary>
    public IReadOnlyList<object?[]> ReadRowGroup(int rowGroup, IReadOnlyList<ParquetSchemaNode> fields)
    {
        var group = _meta.RowGroups[rowGroup];
        var leaves = fields.SelectMany(f => f.Leaves()).ToList();
        var chunks = ReadColumnChunks(rowGroup, leaves);

        long offset = group.Columns.Count > 0 ? group.Columns[0].MetaData?.DataPageOffset ?? 0 : 0;
        if (fields.Count == 0 || group.NumRows == 0)
        {
            return [];
        }

        var assembler = new RecordAssembler(chunks, FilePath, offset);
        var rows = new List<object?[]>((int)Math.Min(group.NumRows, 1 << 20));
        for (long r = 0; r < group.NumRows; r++)
        {
            rows.Add(assembler.ReadRow(fields, r));
        }

        assembler.CheckFullyConsumed();
        return rows;
    }

    /// <summary>Decodes several leaves of one row group in parallel; when some fail, the first failing leaf's exception is thrown.</summary>
    internal ColumnChunkData[] ReadColumnChunks(int rowGroup, IReadOnlyList<ParquetSchemaNode> leaves)
    {
        var chunks = new ColumnChunkData[leaves.Count];
        var failures = new Exception?[leaves.Count];
        Parallel.For(0, leaves.Count, i =>
        {
            try
            {
                chunks[i] = ReadColumnChunk(rowGroup, leaves[i]);
            }
            catch (Exception e)
            {
                failures[i] = e;
            }
        });
        if (failures.FirstOrDefault(f => f is not null) is { } failure)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
        }

        return chunks;
    }

    /// <summary>Reads and decodes one leaf column of one row group; safe to call from several threads at once.</summary>
    internal ColumnChunkData ReadColumnChunk(int rowGroup, ParquetSchemaNode leaf)
    {
        var group = _meta.RowGroups[rowGroup];
        var chunk = group.Columns[leaf.ColumnIndex];
        var meta = chunk.MetaData!;
        if (meta.NumValues == 0)
        {
            return new ColumnChunkData(leaf, 0, null, null, new Encodings.ColumnValues(leaf.PhysicalType!.Value, leaf.TypeLength));
        }

        long start = meta.DictionaryPageOffset is { } dict && dict >= Magic.Length && (dict < meta.DataPageOffset || meta.DataPageOffset < Magic.Length) ? dict : meta.DataPageOffset;
        long length = meta.TotalCompressedSize;
        if (start < Magic.Length || length <= 0 || start + length > _dataEnd)
        {
            throw new ParquetFormatException(FilePath, start, $"column {leaf.Path} of row group {rowGroup} spans [{start}, {start + length}) outside the data region [4, {_dataEnd})");
        }

        byte[] bytes = new byte[length];
        lock (_stream)
        {
            // Column chunks may be decoded on several threads; only the file access is serialised.
            _stream.Position = start;
            _stream.ReadExactly(bytes);
        }

        return new ColumnChunkReader(FilePath, leaf, meta, bytes, start, Options).Read();
    }

    /// <summary>Closes the file if this reader opened it.</summary>
    public void Dispose()
    {
        if (_ownsStream)
        {
            _stream.Dispose();
        }
    }

    private (FileMetaData Meta, long DataEnd) ReadFooter()
    {
        long fileLength = _stream.Length;
        if (fileLength < 12)
        {
            throw new ParquetFormatException(FilePath, 0, $"file of {fileLength} bytes is too short to be parquet");
        }

        Span<byte> head = stackalloc byte[4];
        _stream.Position = 0;
        _stream.ReadExactly(head);
        Span<byte> tail = stackalloc byte[8];
        _stream.Position = fileLength - 8;
        _stream.ReadExactly(tail);
        if (tail[4..].SequenceEqual(EncryptedMagic) || head.SequenceEqual(EncryptedMagic))
        {
            throw new ParquetUnsupportedException("encrypted footer (parquet modular encryption)", FilePath);
        }

        if (!head.SequenceEqual(Magic) || !tail[4..].SequenceEqual(Magic))
        {
            throw new ParquetFormatException(FilePath, head.SequenceEqual(Magic) ? fileLength - 4 : 0, "missing PAR1 magic");
        }

        uint footerLength = BinaryPrimitives.ReadUInt32LittleEndian(tail);
        if (footerLength == 0 || footerLength > fileLength - 12)
        {
            throw new ParquetFormatException(FilePath, fileLength - 8, $"footer length {footerLength} does not fit in a file of {fileLength} bytes");
        }

        if (footerLength > Options.MaxFooterBytes)
        {
            throw new ParquetUnsupportedException($"footer of {footerLength} bytes (over the {Options.MaxFooterBytes}-byte limit)", FilePath);
        }

        long footerStart = fileLength - 8 - footerLength;
        byte[] footer = new byte[footerLength];
        _stream.Position = footerStart;
        _stream.ReadExactly(footer);
        var reader = new ThriftCompactReader(footer, 0, footer.Length, footerStart, FilePath);
        var meta = FileMetaData.Read(reader);
        if (meta.HasEncryptionAlgorithm)
        {
            throw new ParquetUnsupportedException("column encryption with plaintext footer (parquet modular encryption)", FilePath);
        }

        return (meta, footerStart);
    }

    private void Validate()
    {
        int columns = Schema.Columns.Count;
        long rows = 0;
        for (int g = 0; g < _meta.RowGroups.Count; g++)
        {
            var group = _meta.RowGroups[g];
            if (group.NumRows < 0)
            {
                throw new ParquetFormatException(FilePath, _dataEnd, $"row group {g} has {group.NumRows} rows");
            }

            rows += group.NumRows;
            if (group.Columns.Count != columns)
            {
                throw new ParquetFormatException(FilePath, _dataEnd, $"row group {g} has {group.Columns.Count} column chunks but the schema has {columns} columns");
            }

            for (int c = 0; c < columns; c++)
            {
                var chunk = group.Columns[c];
                if (chunk.IsEncrypted)
                {
                    throw new ParquetUnsupportedException("encrypted column chunks (parquet modular encryption)", FilePath);
                }

                if (chunk.FilePath is not null)
                {
                    throw new ParquetUnsupportedException($"column chunk stored in external file '{chunk.FilePath}'", FilePath);
                }

                var leaf = Schema.Columns[c];
                if (chunk.MetaData is not { } meta)
                {
                    throw new ParquetFormatException(FilePath, _dataEnd, $"row group {g} column {leaf.Path} has no metadata");
                }

                if (meta.Type != leaf.PhysicalType)
                {
                    throw new ParquetFormatException(FilePath, _dataEnd, $"row group {g} column {leaf.Path} is {meta.Type} but the schema says {leaf.PhysicalType}");
                }

                if (meta.NumValues < 0 || (leaf.MaxRepetitionLevel == 0 && meta.NumValues != group.NumRows))
                {
                    throw new ParquetFormatException(FilePath, _dataEnd, $"row group {g} column {leaf.Path} has {meta.NumValues} values for {group.NumRows} rows");
                }
            }
        }

        // Some writers leave the footer's row count at 0; the row groups are authoritative.
        _meta.NumRows = rows;
    }

    /// <summary>Describes the file: rows, row groups, writer and schema.</summary>
    public string Describe()
    {
        var sb = new StringBuilder();
        sb.AppendLine($"file: {FilePath}");
        sb.AppendLine($"rows: {RowCount}, row groups: {RowGroupCount}, created by: {CreatedBy ?? "(unknown)"}");
        sb.Append(Schema.Describe());
        return sb.ToString();
    }
}
