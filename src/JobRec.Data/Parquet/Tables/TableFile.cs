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

    /// <summary>Decodes the wanted columns of row group <paramref name="rowGroup"/>; absent columns map to null.</summary>
    public Dictionary<string, TableColumnCursor?> ReadColumns(int rowGroup, IEnumerable<string> names)
    {
        var cursors = new Dictionary<string, TableColumnCursor?>();
        foreach (string name in names)
        {
            var field = Reader.Schema.FindField(name);
            ParquetSchemaNode? leaf = field is null ? null : field.IsLeaf ? field : field.Leaves().Count() == 1 ? field.Leaves().First() : null;
            cursors[name] = leaf is null ? null : new TableColumnCursor(Reader.ReadColumnChunk(rowGroup, leaf), Reader.FilePath);
        }

        return cursors;
    }
}
