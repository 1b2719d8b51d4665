using JobRec.Data.Parquet.Encodings;
using JobRec.Data.Parquet.Schema;

namespace JobRec.Data.Parquet.Reading;

/// <summary>One decoded column chunk: definition and repetition levels for every slot and the non-null values in physical form.</summary>
internal sealed class ColumnChunkData(ParquetSchemaNode column, int levelCount, int[]? definitionLevels, int[]? repetitionLevels, ColumnValues values)
{
    /// <summary>The leaf column.</summary>
    public ParquetSchemaNode Column { get; } = column;

    /// <summary>Number of level entries (slots, including nulls and empty lists).</summary>
    public int LevelCount { get; } = levelCount;

    /// <summary>Definition level per slot, or null when the column's max definition level is 0.</summary>
    public int[]? DefinitionLevels { get; } = definitionLevels;

    /// <summary>Repetition level per slot, or null when the column is not repeated.</summary>
    public int[]? RepetitionLevels { get; } = repetitionLevels;

    /// <summary>The non-null values, in order.</summary>
    public ColumnValues Values { get; } = values;

    /// <summary>True when slot <paramref name="slot"/> holds a value.</summary>
    public bool HasValue(int slot) => DefinitionLevels is null || DefinitionLevels[slot] == Column.MaxDefinitionLevel;
}
