using JobRec.Data.Parquet.Format;

namespace JobRec.Data.Parquet.Schema;

/// <summary>The schema tree of a Parquet file, rebuilt from the footer's flattened, depth-first schema list.</summary>
public sealed class ParquetSchema
{
    private const int MaxNesting = 64;

    private ParquetSchema(ParquetSchemaNode root, IReadOnlyList<ParquetSchemaNode> columns)
    {
        Root = root;
        Columns = columns;
    }

    /// <summary>The root group (the message); its children are the table's top-level fields.</summary>
    public ParquetSchemaNode Root { get; }

    /// <summary>Leaf columns in file order, matching the column chunks of each row group.</summary>
    public IReadOnlyList<ParquetSchemaNode> Columns { get; }

    /// <summary>Top-level fields of the table.</summary>
    public IReadOnlyList<ParquetSchemaNode> Fields => Root.Children;

    /// <summary>Finds a top-level field by name, or null.</summary>
    public ParquetSchemaNode? FindField(string name) => Root.Children.FirstOrDefault(f => f.Name == name);

    /// <summary>Renders the schema as an indented tree, one field a line.</summary>
    public string Describe()
    {
        var sb = new System.Text.StringBuilder();
        sb.Append("message ").Append(Root.Name).AppendLine(" {");
        foreach (var f in Root.Children)
        {
            Append(sb, f, 1);
        }

        sb.AppendLine("}");
        return sb.ToString();
    }

    internal static ParquetSchema Build(IReadOnlyList<SchemaElement> elements, string filePath, long footerOffset)
    {
        if (elements.Count == 0)
        {
            throw new ParquetFormatException(filePath, footerOffset, "footer schema is empty");
        }

        int index = 0;
        var columns = new List<ParquetSchemaNode>();
        var root = BuildNode(elements, ref index, null, columns, filePath, footerOffset, 0);
        if (index != elements.Count)
        {
            throw new ParquetFormatException(filePath, footerOffset, $"footer schema has {elements.Count - index} elements not reachable from the root");
        }

        if (root.IsLeaf)
        {
            throw new ParquetFormatException(filePath, footerOffset, "footer schema root is not a group");
        }

        return new ParquetSchema(root, columns);
    }

    private static ParquetSchemaNode BuildNode(IReadOnlyList<SchemaElement> elements, ref int index, ParquetSchemaNode? parent, List<ParquetSchemaNode> columns, string filePath, long footerOffset, int depth)
    {
        if (depth > MaxNesting)
        {
            throw new ParquetFormatException(filePath, footerOffset, "schema nested too deeply");
        }

        if (index >= elements.Count)
        {
            throw new ParquetFormatException(filePath, footerOffset, $"schema element {parent?.Name} claims more children than the footer lists");
        }

        var e = elements[index++];
        bool isGroup = e.NumChildren > 0 || e.Type is null;
        if (isGroup && parent is not null && e.NumChildren <= 0)
        {
            throw new ParquetFormatException(filePath, footerOffset, $"schema group '{e.Name}' has no children");
        }

        if (e.NumChildren < 0 || e.NumChildren > elements.Count - index)
        {
            throw new ParquetFormatException(filePath, footerOffset, $"schema element '{e.Name}' claims {e.NumChildren} children but the footer has {elements.Count - index} more elements");
        }

        if (!isGroup && e.Type == Format.PhysicalType.FixedLenByteArray && e.TypeLength <= 0)
        {
            throw new ParquetFormatException(filePath, footerOffset, $"fixed_len_byte_array column '{e.Name}' has length {e.TypeLength}");
        }

        var repetition = parent is null ? FieldRepetition.Required : e.Repetition ?? FieldRepetition.Optional;
        var node = new ParquetSchemaNode(e.Name, repetition, parent)
        {
            PhysicalType = isGroup ? null : e.Type,
            TypeLength = e.TypeLength,
            ConvertedType = e.ConvertedType,
            LogicalType = e.LogicalType,
            Scale = e.LogicalType?.Kind == LogicalTypeKind.Decimal ? e.LogicalType.Scale : e.Scale,
            Precision = e.LogicalType?.Kind == LogicalTypeKind.Decimal ? e.LogicalType.Precision : e.Precision,
        };
        if (!isGroup)
        {
            node.ColumnIndex = columns.Count;
            columns.Add(node);
            return node;
        }

        for (int i = 0; i < e.NumChildren; i++)
        {
            node.AddChild(BuildNode(elements, ref index, node, columns, filePath, footerOffset, depth + 1));
        }

        return node;
    }

    private static void Append(System.Text.StringBuilder sb, ParquetSchemaNode node, int indent)
    {
        sb.Append(' ', indent * 2).Append(node);
        if (node.IsLeaf)
        {
            sb.AppendLine(";");
            return;
        }

        sb.AppendLine(" {");
        foreach (var c in node.Children)
        {
            Append(sb, c, indent + 1);
        }

        sb.Append(' ', indent * 2).AppendLine("}");
    }
}
