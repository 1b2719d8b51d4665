using JobRec.Data.Parquet.Reading;

namespace JobRec.Data.Parquet.Tables;

/// <summary>Opens a Parquet table and streams its rows over the wanted top-level columns that the file has (projection: other columns are never decoded).</summary>
internal sealed class TableFile(ParquetFileReader reader)
{
    /// <summary>The reader.</summary>
    public ParquetFileReader Reader { get; } = reader;

    /// <summary>Fails unless every column in <paramref name="names"/> is present.</summary>
    public void Require(params string[] names)
    {
        foreach (string name in names)
        {
            if (Reader.FindField(name) is null)
            {
                throw new ParquetFormatException(Reader.FilePath, -1, $"table lacks required column '{name}' (has: {string.Join(", ", Reader.Fields.Select(f => f.Name))})");
            }
        }
    }

    /// <summary>Streams rows over <paramref name="names"/>; the <see cref="TableRow"/> handed out is reused for the next row.</summary>
    /// <exception cref="ParquetFormatException">A wanted column is a struct or map (several leaf columns) where a value or list was expected.</exception>
    public IEnumerable<TableRow> Rows(IReadOnlyList<string> names)
    {
        var leaves = new List<int>();
        var slot = new int[names.Count];
        for (int i = 0; i < names.Count; i++)
        {
            var field = Reader.FindField(names[i]);
            if (field is null)
            {
                slot[i] = -1;
                continue;
            }

            if (field.LeafColumns.Count != 1)
            {
                throw new ParquetFormatException(Reader.FilePath, -1, $"column {field.Name} has {field.LeafColumns.Count} leaf columns ({string.Join(", ", field.LeafPaths)}), expected a value or a list of values");
            }

            slot[i] = leaves.Count;
            leaves.Add(field.LeafColumns[0]);
        }

        var row = new TableRow(Reader.FilePath, names, slot);
        long index = 0;
        foreach (var batch in Reader.ReadBatches(leaves))
        {
            row.Batch = batch;
            for (int r = 0; r < batch.Rows; r++)
            {
                row.Index = r;
                row.RowNumber = index++;
                yield return row;
            }
        }
    }
}
