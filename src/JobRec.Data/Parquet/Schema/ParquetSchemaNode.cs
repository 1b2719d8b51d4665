using JobRec.Data.Parquet.Format;

namespace JobRec.Data.Parquet.Schema;

/// <summary>A field of a Parquet schema: a group with children or a primitive leaf column, with its definition and repetition levels.</summary>
public sealed class ParquetSchemaNode
{
    private readonly List<ParquetSchemaNode> _children = [];

    internal ParquetSchemaNode(string name, FieldRepetition repetition, ParquetSchemaNode? parent)
    {
        Name = name;
        Repetition = repetition;
        Parent = parent;
        int def = parent?.MaxDefinitionLevel ?? 0;
        int rep = parent?.MaxRepetitionLevel ?? 0;
        MaxDefinitionLevel = repetition == FieldRepetition.Required || parent is null ? def : def + 1;
        MaxRepetitionLevel = repetition == FieldRepetition.Repeated && parent is not null ? rep + 1 : rep;
        Depth = parent is null ? 0 : parent.Depth + 1;
    }

    /// <summary>Field name.</summary>
    public string Name { get; }

    /// <summary>Required, optional or repeated.</summary>
    public FieldRepetition Repetition { get; }

    /// <summary>The enclosing group, or null for the root.</summary>
    public ParquetSchemaNode? Parent { get; }

    /// <summary>Child fields of a group; empty for a leaf.</summary>
    public IReadOnlyList<ParquetSchemaNode> Children => _children;

    /// <summary>Physical type of a leaf; null for a group.</summary>
    public PhysicalType? PhysicalType { get; internal init; }

    /// <summary>Byte length of FIXED_LEN_BYTE_ARRAY values.</summary>
    public int TypeLength { get; internal init; }

    /// <summary>Legacy converted type annotation, if any.</summary>
    public ConvertedType? ConvertedType { get; internal init; }

    /// <summary>Logical type annotation, if any.</summary>
    public LogicalType? LogicalType { get; internal init; }

    /// <summary>Decimal scale from the logical or converted type.</summary>
    public int Scale { get; internal init; }

    /// <summary>Decimal precision from the logical or converted type.</summary>
    public int Precision { get; internal init; }

    /// <summary>Definition level at which this field is present (counts optional and repeated ancestors including itself).</summary>
    public int MaxDefinitionLevel { get; }

    /// <summary>Repetition level of this field (counts repeated ancestors including itself).</summary>
    public int MaxRepetitionLevel { get; }

    /// <summary>Distance from the root (the root is 0).</summary>
    public int Depth { get; }

    /// <summary>Index of this leaf among the file's columns, or -1 for a group.</summary>
    public int ColumnIndex { get; internal set; } = -1;

    /// <summary>True for a primitive column.</summary>
    public bool IsLeaf => PhysicalType is not null;

    /// <summary>Dotted path from the root's children down to this field.</summary>
    public string Path => Parent is null || Parent.Parent is null ? Name : $"{Parent.Path}.{Name}";

    /// <summary>True when this node has a LIST annotation.</summary>
    public bool IsListAnnotated => LogicalType?.Kind == LogicalTypeKind.List || ConvertedType == Format.ConvertedType.List;

    /// <summary>True when this node has a MAP (or legacy MAP_KEY_VALUE) annotation.</summary>
    public bool IsMapAnnotated => LogicalType?.Kind == LogicalTypeKind.Map || ConvertedType is Format.ConvertedType.Map or Format.ConvertedType.MapKeyValue;

    internal void AddChild(ParquetSchemaNode child) => _children.Add(child);

    /// <summary>Leaves below (or equal to) this node, in file column order.</summary>
    public IEnumerable<ParquetSchemaNode> Leaves()
    {
        if (IsLeaf)
        {
            yield return this;
            yield break;
        }

        foreach (var c in _children)
        {
            foreach (var l in c.Leaves())
            {
                yield return l;
            }
        }
    }

    /// <summary>A one-line description such as <c>optional binary title (STRING)</c>.</summary>
    public override string ToString()
    {
        string rep = Repetition.ToString().ToLowerInvariant();
        string type = PhysicalType switch
        {
            null => "group",
            Format.PhysicalType.FixedLenByteArray => $"fixed_len_byte_array({TypeLength})",
            Format.PhysicalType.ByteArray => "binary",
            { } t => t.ToString().ToLowerInvariant(),
        };
        string annotation = LogicalType is { Kind: not LogicalTypeKind.None } lt ? $" ({Describe(lt)})" : ConvertedType is { } ct ? $" ({ct.ToString().ToUpperInvariant()})" : "";
        return $"{rep} {type} {Name}{annotation}";
    }

    private string Describe(LogicalType lt) => lt.Kind switch
    {
        LogicalTypeKind.Decimal => $"DECIMAL({lt.Precision},{lt.Scale})",
        LogicalTypeKind.Timestamp or LogicalTypeKind.Time => $"{lt.Kind.ToString().ToUpperInvariant()}({lt.Unit.ToString().ToUpperInvariant()},{(lt.IsAdjustedToUtc ? "UTC" : "local")})",
        LogicalTypeKind.Integer => $"INT({lt.BitWidth},{(lt.IsSigned ? "signed" : "unsigned")})",
        _ => lt.Kind.ToString().ToUpperInvariant(),
    };
}
