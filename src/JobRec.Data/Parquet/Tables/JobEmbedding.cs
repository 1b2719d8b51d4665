namespace JobRec.Data.Parquet.Tables;

/// <summary>An embedding vector keyed by the id of the job (or user) it was computed for.</summary>
/// <param name="Id">Job or user id.</param>
/// <param name="Vector">The embedding; every row of one table has the same length.</param>
public sealed record JobEmbedding(string Id, float[] Vector);
