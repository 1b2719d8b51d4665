using ParquetSharp;

namespace JobRec.Data.Parquet.Reading;

/// <summary>A top-level field of a Parquet schema and the leaf columns under it (one for a scalar or a list of scalars, several for structs and maps).</summary>
/// <param name="Name">The field's name.</param>
/// <param name="LeafColumns">Indexes of its leaf columns in the file's leaf list.</param>
/// <param name="LeafPaths">Each leaf's dotted path below the field (the field's own name for a scalar).</param>
public sealed record ParquetField(string Name, IReadOnlyList<int> LeafColumns, IReadOnlyList<string> LeafPaths)
{
    /// <summary>The top-level fields of <paramref name="schema"/>, in schema order.</summary>
    internal static List<ParquetField> FromSchema(SchemaDescriptor schema)
    {
        var fields = new List<ParquetField>();
        var byName = new Dictionary<string, (List<int> Columns, List<string> Paths)>(StringComparer.Ordinal);
        for (int i = 0; i < schema.NumColumns; i++)
        {
            string rootName;
            using (var root = schema.ColumnRoot(i))
            {
                rootName = root.Name;
            }

            string[] path;
            using (var columnPath = schema.Column(i).Path)
            {
                path = columnPath.ToDotVector();
            }

            if (!byName.TryGetValue(rootName, out var entry))
            {
                entry = ([], []);
                byName[rootName] = entry;
                fields.Add(new ParquetField(rootName, entry.Columns, entry.Paths));
            }

            entry.Columns.Add(i);
            entry.Paths.Add(path.Length > 1 ? string.Join('.', path.Skip(1)) : path[0]);
        }

        return fields;
    }
}
