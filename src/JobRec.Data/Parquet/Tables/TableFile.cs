using JobRec.Data.Parquet.Reading;
using JobRec.Data.Parquet.Schema;

namespace JobRec.Data.Parquet.Tables;

/// <summary>Opens a Parquet table and hands out, row group by row group, a cursor for each wanted top-level column that the file has.</summary>
internal sealed class TableFile(ParquetFileReader reader)
{
    /// <summary>The reader.</summary>
    public ParquetFileReader Reader { get; } = reader;

    /// <summary>Fails unless every column in <paramref name="names"/> is present.</summary>
    public void Require(params string[] names)
    {
        foreach (string name in names)
        {
            if (Reader.Schema.FindField(name) is null)
            {
                throw new ParquetFormatException(Reader.FilePath, -1, $"table lacks required column '{name}' (has: {string.Join(", ", Reader.Schema.Fields.Select(f => f.Name))})");
            }
        }
    }

    /// <summary>Yields each row group's column cursors and row count, decoding the next row group on a worker thread while the caller consumes the current one.</summary>
    public IEnumerable<(Dictionary<string, TableColumnCursor?> Columns, long Rows)> RowGroups(IReadOnlyList<string> names)
    {
        if (Reader.RowGroupCount == 0)
        {
            yield break;
        }

        var next = Task.Run(() => ReadColumns(0, names));
        try
        {
            for (int g = 0; g < Reader.RowGroupCount; g++)
            {
                var columns = next.GetAwaiter().GetResult();
                int following = g + 1;
                next = following < Reader.RowGroupCount ? Task.Run(() => ReadColumns(following, names)) : Task.FromResult(columns);
                yield return (columns, Reader.GetRowGroupRowCount(g));
            }
        }
        finally
        {
            // The reader's stream must not be closed under a running prefetch.
            try
            {
                next.Wait();
            }
            catch (AggregateException)
            {
            }
        }
    }

    /// <summary>Decodes the wanted columns of row group <paramref name="rowGroup"/>; absent columns map to null.</summary>
    public Dictionary<string, TableColumnCursor?> ReadColumns(int rowGroup, IReadOnlyList<string> names)
    {
        var wanted = names.ToList();
        var leaves = new List<ParquetSchemaNode>();
        var leafOf = new int[wanted.Count];
        for (int i = 0; i < wanted.Count; i++)
        {
            var field = Reader.Schema.FindField(wanted[i]);
            ParquetSchemaNode? leaf = field is null ? null : field.IsLeaf ? field : field.Leaves().Count() == 1 ? field.Leaves().First() : null;
            leafOf[i] = leaf is null ? -1 : leaves.Count;
            if (leaf is not null)
            {
                leaves.Add(leaf);
            }
        }

        // Columns decode in parallel; the reader serialises file access.
        var chunks = Reader.ReadColumnChunks(rowGroup, leaves);
        var cursors = leafOf.Select(l => l < 0 ? null : new TableColumnCursor(chunks[l], Reader.FilePath)).ToArray();
        return wanted.Select((name, i) => (name, cursors[i])).ToDictionary(p => p.name, p => p.Item2);
    }
}
