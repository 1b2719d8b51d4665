using System.Text;
using JobRec.Data.Parquet.Format;
using JobRec.Data.Parquet.Reading;

namespace JobRec.Data.Parquet.Tables;

/// <summary>Reads one decoded column chunk row by row for the table readers: scalars and lists of scalars.</summary>
internal sealed class TableColumnCursor(ColumnChunkData data, string filePath)
{
    private int _slot;
    private int _value;

    /// <summary>The next row's value as a string (BYTE_ARRAY decoded as UTF-8, anything else formatted), or null.</summary>
    public string? NextString()
    {
        if (!NextPresent())
        {
            return null;
        }

        var values = data.Values;
        int index = _value++;
        return values.Type == PhysicalType.ByteArray
            ? Encoding.UTF8.GetString(values.Binary![index])
            : Convert.ToString(LogicalValueConverter.Convert(data.Column, values, index), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The next row's value converted per the column's logical type, or null.</summary>
    public object? NextValue() => NextPresent() ? LogicalValueConverter.Convert(data.Column, data.Values, _value++) : null;

    /// <summary>The next row's list of strings (empty for a null or empty list).</summary>
    public List<string> NextStringList()
    {
        var list = new List<string>();
        foreach (int index in NextListValueIndexes())
        {
            list.Add(data.Values.Type == PhysicalType.ByteArray
                ? Encoding.UTF8.GetString(data.Values.Binary![index])
                : Convert.ToString(LogicalValueConverter.Convert(data.Column, data.Values, index), System.Globalization.CultureInfo.InvariantCulture)!);
        }

        return list;
    }

    /// <summary>The next row's list of floats (FLOAT or DOUBLE elements).</summary>
    public float[] NextFloatList()
    {
        var indexes = NextListValueIndexes();
        var result = new float[indexes.Count];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = data.Values.Type switch
            {
                PhysicalType.Float => data.Values.Floats!.Items[indexes[i]],
                PhysicalType.Double => (float)data.Values.Doubles!.Items[indexes[i]],
                _ => throw new ParquetFormatException(filePath, -1, $"column {data.Column.Path} is {data.Values.Type}, not a list of floats"),
            };
        }

        return result;
    }

    private bool NextPresent()
    {
        if (_slot >= data.LevelCount)
        {
            throw new ParquetFormatException(filePath, -1, $"column {data.Column.Path} has fewer rows than its row group");
        }

        if (data.RepetitionLevels is not null)
        {
            throw new ParquetFormatException(filePath, -1, $"column {data.Column.Path} is repeated where a single value was expected");
        }

        return data.HasValue(_slot++);
    }

    private List<int> NextListValueIndexes()
    {
        var indexes = new List<int>();
        if (_slot >= data.LevelCount)
        {
            throw new ParquetFormatException(filePath, -1, $"column {data.Column.Path} has fewer rows than its row group");
        }

        var rep = data.RepetitionLevels;
        if (rep is null)
        {
            // A plain scalar column read as a list: one element, or none when null.
            if (data.HasValue(_slot++))
            {
                indexes.Add(_value++);
            }

            return indexes;
        }

        do
        {
            if (data.HasValue(_slot))
            {
                indexes.Add(_value++);
            }

            _slot++;
        }
        while (_slot < data.LevelCount && rep[_slot] != 0);

        return indexes;
    }
}
