using System.Globalization;
using System.Text;
using ParquetSharp;
using ParquetSharp.Schema;

namespace JobRec.Data.Parquet.Reading;

/// <summary>
/// A Parquet file opened for reading through ParquetSharp (Apache Arrow's C++ Parquet). Checks the footer against limits on
/// open, streams rows one row group and one batch of rows at a time over the selected top-level fields, and turns every error
/// the library raises into a <see cref="ParquetFormatException"/> or <see cref="ParquetUnsupportedException"/> naming the file
/// (and the column and row group where known).
/// </summary>
public sealed class ParquetFileReader : IDisposable
{
    private readonly ParquetSharp.ParquetFileReader _reader;
    private readonly ParquetReadOptions _options;
    private readonly List<ParquetField> _fields;
    private readonly string[] _leafPaths;

    private ParquetFileReader(string path, ParquetSharp.ParquetFileReader reader, ParquetReadOptions options)
    {
        FilePath = path;
        _reader = reader;
        _options = options;
        using var metadata = reader.FileMetaData;
        RowGroupCount = metadata.NumRowGroups;
        RowCount = metadata.NumRows;
        CreatedBy = metadata.CreatedBy;
        Metadata = metadata.KeyValueMetadata;
        var schema = metadata.Schema;
        _fields = ParquetField.FromSchema(schema);
        _leafPaths = new string[schema.NumColumns];
        for (int i = 0; i < _leafPaths.Length; i++)
        {
            using var leaf = schema.Column(i).Path;
            _leafPaths[i] = leaf.ToDotString();
        }

        SchemaText = DescribeSchema(schema);
    }

    /// <summary>The file's path.</summary>
    public string FilePath { get; }

    /// <summary>Number of row groups.</summary>
    public int RowGroupCount { get; }

    /// <summary>Number of rows: the sum of the row groups' counts (some writers leave the file's own count at 0).</summary>
    public long RowCount { get; private set; }

    /// <summary>The writer named in the footer.</summary>
    public string CreatedBy { get; }

    /// <summary>The footer's key/value metadata.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>The top-level fields, each with the leaf columns under it.</summary>
    public IReadOnlyList<ParquetField> Fields => _fields;

    /// <summary>The schema as a <c>message schema { ... }</c> tree.</summary>
    public string SchemaText { get; }

    /// <summary>Opens <paramref name="path"/> and checks its footer (row counts, column chunk sizes against the file and <see cref="ParquetReadOptions.MaxColumnChunkBytes"/>).</summary>
    /// <exception cref="ParquetFormatException">The file is not Parquet or its footer is malformed.</exception>
    /// <exception cref="ParquetUnsupportedException">The file is encrypted or over the limits.</exception>
    public static ParquetFileReader Open(string path, ParquetReadOptions? options = null)
    {
        options ??= ParquetReadOptions.Default;
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"no file {path}", path);
        }

        ParquetSharp.ParquetFileReader? native = null;
        try
        {
            using var properties = ReaderProperties.GetDefaultReaderProperties();
            if (options.VerifyChecksums)
            {
                properties.EnablePageChecksumVerification();
            }

            native = new ParquetSharp.ParquetFileReader(path, properties);
            native.LogicalTypeFactory = new LogicalTypeFactory { DateAsDateOnly = true, TimeAsTimeOnly = true };
            var reader = new ParquetFileReader(path, native, options);
            reader.CheckFooter(new FileInfo(path).Length);
            return reader;
        }
        catch (Exception e) when (ParquetErrors.IsReadFailure(e) && e is not FileNotFoundException)
        {
            native?.Dispose();
            throw ParquetErrors.Wrap(e, path, null);
        }
    }

    /// <summary>Rows declared by row group <paramref name="rowGroup"/>.</summary>
    public long GetRowGroupRowCount(int rowGroup) => Guard(() =>
    {
        using var group = _reader.RowGroup(rowGroup);
        var metadata = group.MetaData;
        return metadata.NumRows;
    }, $"row group {rowGroup}");

    /// <summary>Sum of the column chunks' uncompressed sizes as the footer declares them.</summary>
    public long GetUncompressedColumnBytes()
    {
        long total = 0;
        ForEachChunk((_, _, chunk) => total += chunk.TotalUncompressedSize);
        return total;
    }

    /// <summary>The fields named in <paramref name="names"/> (all fields when null), in that order.</summary>
    /// <exception cref="ArgumentException">A name is not a top-level field of the file.</exception>
    public IReadOnlyList<ParquetField> SelectFields(IEnumerable<string>? names) => names is null
        ? _fields
        : names.Select(n => FindField(n) ?? throw new ArgumentException($"no column '{n}' in {FilePath} (has: {string.Join(", ", _fields.Select(f => f.Name))})")).ToList();

    /// <summary>The top-level field named <paramref name="name"/>, or null.</summary>
    public ParquetField? FindField(string name) => _fields.FirstOrDefault(f => f.Name == name);

    /// <summary>
    /// Streams the rows of the file over <paramref name="fields"/> (all when null): one value per field, a field with one leaf
    /// column gives that column's value, a field of several leaves a dictionary from leaf path (below the field) to value.
    /// </summary>
    public IEnumerable<object?[]> ReadRows(IReadOnlyList<ParquetField>? fields = null)
    {
        fields ??= _fields;
        var leaves = fields.SelectMany(f => f.LeafColumns).ToArray();
        foreach (var batch in ReadBatches(leaves))
        {
            for (int r = 0; r < batch.Rows; r++)
            {
                var row = new object?[fields.Count];
                int leaf = 0;
                for (int f = 0; f < fields.Count; f++)
                {
                    var field = fields[f];
                    if (field.LeafColumns.Count == 1)
                    {
                        row[f] = batch.Columns[leaf++][r];
                        continue;
                    }

                    var record = new Dictionary<string, object?>(field.LeafColumns.Count);
                    foreach (string path in field.LeafPaths)
                    {
                        record[path] = batch.Columns[leaf++][r];
                    }

                    row[f] = record;
                }

                yield return row;
            }
        }
    }

    /// <summary>
    /// Streams the given leaf columns (indexes into the file's leaf list) in batches of at most <see cref="ParquetReadOptions.BatchRows"/> rows,
    /// row group by row group. The arrays handed out are reused for the next batch.
    /// </summary>
    public IEnumerable<ParquetBatch> ReadBatches(IReadOnlyList<int> leafColumns)
    {
        for (int g = 0; g < RowGroupCount; g++)
        {
            var group = Guard(() => _reader.RowGroup(g), $"row group {g}");
            var readers = new List<LeafColumnReader>(leafColumns.Count);
            try
            {
                long rows = GetRowGroupRowCount(g);
                foreach (int column in leafColumns)
                {
                    readers.Add(Guard(() => LeafColumnReader.Open(group, column, _options.BatchRows), $"column {LeafPath(column)} of row group {g}"));
                }

                var columns = leafColumns.Select(_ => new object?[_options.BatchRows]).ToArray();
                var read = new int[readers.Count];
                var failed = new Exception?[readers.Count];
                long done = 0;
                while (done < rows)
                {
                    int wanted = (int)Math.Min(_options.BatchRows, rows - done);

                    // Columns decode in parallel (each has its own library reader; the file is read with positioned reads).
                    void Decode(int c)
                    {
                        try
                        {
                            read[c] = readers[c].Read(columns[c].AsSpan(0, wanted));
                        }
                        catch (Exception e)
                        {
                            failed[c] = e;
                        }
                    }

                    if (readers.Count > 1 && _options.ParallelColumns)
                    {
                        Parallel.For(0, readers.Count, Decode);
                    }
                    else
                    {
                        for (int c = 0; c < readers.Count; c++)
                        {
                            Decode(c);
                        }
                    }

                    for (int c = 0; c < readers.Count; c++)
                    {
                        int column = c;
                        if (failed[c] is { } error)
                        {
                            Guard<int>(() => throw error, $"column {readers[column].Path} of row group {g}");
                        }

                        if (read[c] != wanted)
                        {
                            throw new ParquetFormatException(FilePath, -1, $"column {readers[c].Path} of row group {g} ends after {done + read[c]} rows, the row group declares {rows}");
                        }
                    }

                    done += wanted;
                    yield return new ParquetBatch(g, wanted, columns);
                }
            }
            finally
            {
                foreach (var reader in readers)
                {
                    reader.Dispose();
                }

                group.Dispose();
            }
        }
    }

    /// <summary>The schema, row count, row groups and writer, as <c>jobrec parquet schema</c> prints them.</summary>
    public string Describe()
    {
        var sb = new StringBuilder();
        sb.Append("file: ").Append(FilePath).Append('\n');
        sb.Append(CultureInfo.InvariantCulture, $"rows: {RowCount}, row groups: {RowGroupCount}, created by: {CreatedBy}\n");
        sb.Append(SchemaText);
        foreach (var (key, value) in Metadata)
        {
            string shown = value.Length > 200 ? value[..200] + "..." : value;
            sb.Append("metadata ").Append(key).Append(" = ").Append(shown.ReplaceLineEndings(" ")).Append('\n');
        }

        return sb.ToString();
    }

    /// <inheritdoc />
    public void Dispose() => _reader.Dispose();

    private void CheckFooter(long fileLength)
    {
        if (RowCount < 0)
        {
            throw new ParquetFormatException(FilePath, -1, $"footer declares {RowCount} rows");
        }

        long rows = 0;
        for (int g = 0; g < RowGroupCount; g++)
        {
            rows += GetRowGroupRowCount(g);
        }

        RowCount = rows;
        ForEachChunk((g, c, chunk) =>
        {
            if (chunk.TotalCompressedSize < 0 || chunk.TotalCompressedSize > fileLength || chunk.TotalUncompressedSize < 0)
            {
                throw new ParquetFormatException(FilePath, -1, $"column {LeafPath(c)} of row group {g} declares {chunk.TotalCompressedSize} compressed bytes in a file of {fileLength}");
            }

            if (chunk.TotalUncompressedSize > _options.MaxColumnChunkBytes)
            {
                throw new ParquetUnsupportedException($"column chunk of {chunk.TotalUncompressedSize} bytes (column {LeafPath(c)} of row group {g}; limit {_options.MaxColumnChunkBytes})", FilePath);
            }
        });
    }

    private void ForEachChunk(Action<int, int, ColumnChunkMetaData> visit)
    {
        for (int g = 0; g < RowGroupCount; g++)
        {
            int group = g;
            Guard(() =>
            {
                using var rowGroup = _reader.RowGroup(group);
                var metadata = rowGroup.MetaData;
                if (metadata.NumRows < 0)
                {
                    throw new ParquetFormatException(FilePath, -1, $"row group {group} declares {metadata.NumRows} rows");
                }

                for (int c = 0; c < metadata.NumColumns; c++)
                {
                    using var chunk = metadata.GetColumnChunkMetaData(c);
                    visit(group, c, chunk);
                }

                return 0;
            }, $"row group {g}");
        }
    }

    private string LeafPath(int column) => column >= 0 && column < _leafPaths.Length ? _leafPaths[column] : $"#{column}";

    private T Guard<T>(Func<T> action, string where)
    {
        try
        {
            return action();
        }
        catch (Exception e) when (ParquetErrors.IsReadFailure(e))
        {
            throw ParquetErrors.Wrap(e, FilePath, where);
        }
    }

    private static string DescribeSchema(SchemaDescriptor schema)
    {
        var sb = new StringBuilder("message schema {\n");
        using var root = schema.GroupNode;
        foreach (var node in root.Fields)
        {
            DescribeNode(sb, node, 1);
        }

        sb.Append("}\n");
        return sb.ToString();
    }

    private static string Annotation(Node node)
    {
        try
        {
            using var logical = node.LogicalType;
            return logical.Type is LogicalTypeEnum.None or LogicalTypeEnum.Undefined ? "" : $" ({logical.Type})";
        }
        catch (ArgumentException)
        {
            return " (unknown logical type)";
        }
    }

    private static void DescribeNode(StringBuilder sb, Node node, int depth)
    {
        using (node)
        {
            string indent = new(' ', depth * 2);
            string repetition = node.Repetition.ToString().ToLowerInvariant();
            string annotation = Annotation(node);
            if (node is GroupNode group)
            {
                sb.Append(indent).Append(repetition).Append(" group ").Append(node.Name).Append(annotation).Append(" {\n");
                foreach (var child in group.Fields)
                {
                    DescribeNode(sb, child, depth + 1);
                }

                sb.Append(indent).Append("}\n");
                return;
            }

            var primitive = (PrimitiveNode)node;
            string type = primitive.PhysicalType switch
            {
                PhysicalType.FixedLenByteArray => string.Create(CultureInfo.InvariantCulture, $"fixed_len_byte_array({primitive.TypeLength})"),
                PhysicalType.ByteArray => "binary",
                var other => other.ToString().ToLowerInvariant(),
            };
            sb.Append(indent).Append(repetition).Append(' ').Append(type).Append(' ').Append(node.Name).Append(annotation).Append(";\n");
        }
    }
}
