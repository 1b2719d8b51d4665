namespace JobRec.Data.Parquet.Format;

/// <summary>Logical type annotations (the members of parquet.thrift's <c>LogicalType</c> union).</summary>
public enum LogicalTypeKind
{
#pragma warning disable CS1591 // names are the spec's own
    None = 0,
    String = 1,
    Map = 2,
    List = 3,
    Enum = 4,
    Decimal = 5,
    Date = 6,
    Time = 7,
    Timestamp = 8,
    Integer = 10,
    Unknown = 11,
    Json = 12,
    Bson = 13,
    Uuid = 14,
    Float16 = 15,
    Variant = 16,
    Geometry = 17,
    Geography = 18,
    /// <summary>A union member this reader does not know; the column is read by its physical type.</summary>
    Unrecognized = 1000,
#pragma warning restore CS1591
}
