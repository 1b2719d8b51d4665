namespace JobRec.Data.Parquet.Reading;

/// <summary>A batch of rows of one row group: for each requested leaf column an array whose first <paramref name="Rows"/> entries are this batch's values.</summary>
/// <param name="RowGroup">The row group the rows belong to.</param>
/// <param name="Rows">Rows in the batch.</param>
/// <param name="Columns">Per requested leaf column, its values (arrays are reused by the next batch).</param>
public sealed record ParquetBatch(int RowGroup, int Rows, IReadOnlyList<object?[]> Columns);
