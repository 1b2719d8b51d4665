namespace JobRec.Data.Parquet.Format;

/// <summary>How often a schema field occurs in its parent (parquet.thrift <c>FieldRepetitionType</c>).</summary>
public enum FieldRepetition
{
    /// <summary>Exactly once.</summary>
    Required = 0,
    /// <summary>Zero or one time.</summary>
    Optional = 1,
    /// <summary>Zero or more times.</summary>
    Repeated = 2,
}
