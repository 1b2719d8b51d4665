namespace JobRec.Data.Parquet.Writing;

/// <summary>Declares one written column: a scalar (required or optional) or a LIST of scalars (3-level LIST structure per the spec).</summary>
/// <param name="Name">Column name.</param>
/// <param name="Kind">Value type.</param>
public sealed record ParquetColumnSpec(string Name, ParquetValueKind Kind)
{
    /// <summary>True when the column (or, for a list, the list itself) may be null.</summary>
    public bool Nullable { get; init; }

    /// <summary>True for a LIST column.</summary>
    public bool IsList { get; init; }

    /// <summary>True when list elements may be null.</summary>
    public bool ElementNullable { get; init; }

    /// <summary>Digits after the point for <see cref="ParquetValueKind.Decimal"/> (precision is 18).</summary>
    public int DecimalScale { get; init; } = 4;

    /// <summary>Definition level of a present value.</summary>
    internal int MaxDefinitionLevel => IsList ? (Nullable ? 1 : 0) + 1 + (ElementNullable ? 1 : 0) : Nullable ? 1 : 0;

    /// <summary>Repetition level of list elements after the first.</summary>
    internal int MaxRepetitionLevel => IsList ? 1 : 0;
}
