using System.Text;
using JobRec.Data.Parquet.Encodings;

namespace JobRec.Data.Parquet.Writing;

/// <summary>Collects one column's values (with their definition and repetition levels) for the row group being written.</summary>
public sealed class ParquetColumnBuffer
{
    private readonly int _listDefined;

    internal ParquetColumnBuffer(ParquetColumnSpec spec)
    {
        Spec = spec;
        if (spec.MaxDefinitionLevel > 0)
        {
            Definitions = new PrimitiveBuffer<int>(1024);
        }

        if (spec.IsList)
        {
            Repetitions = new PrimitiveBuffer<int>(1024);
            _listDefined = spec.Nullable ? 1 : 0;
        }

        switch (spec.Kind)
        {
            case ParquetValueKind.Boolean: Booleans = new(1024); break;
            case ParquetValueKind.Int32: Int32s = new(1024); break;
            case ParquetValueKind.Int64 or ParquetValueKind.TimestampMicros or ParquetValueKind.Decimal: Int64s = new(1024); break;
            case ParquetValueKind.Float: Floats = new(1024); break;
            case ParquetValueKind.Double: Doubles = new(1024); break;
            case ParquetValueKind.String: Strings = new(1024); break;
            default: Binary = new ByteArrayBuffer(1024, 1 << 16); break;
        }
    }

    /// <summary>The column's declaration.</summary>
    public ParquetColumnSpec Spec { get; }

    /// <summary>Rows added since the last row group was written.</summary>
    public int RowCount { get; private set; }

    internal PrimitiveBuffer<int>? Definitions { get; }
    internal PrimitiveBuffer<int>? Repetitions { get; }
    internal PrimitiveBuffer<bool>? Booleans { get; }
    internal PrimitiveBuffer<int>? Int32s { get; }
    internal PrimitiveBuffer<long>? Int64s { get; }
    internal PrimitiveBuffer<float>? Floats { get; }
    internal PrimitiveBuffer<double>? Doubles { get; }
    internal List<string>? Strings { get; }
    internal ByteArrayBuffer? Binary { get; }

    /// <summary>Level slots (values, nulls and empty lists) added.</summary>
    internal int SlotCount => Definitions?.Count ?? RowCount;

    /// <summary>Adds a null row (a null scalar or a null list); fails for a required column.</summary>
    public void AddNull()
    {
        if (!Spec.Nullable)
        {
            throw new ArgumentNullException(Spec.Name, $"column '{Spec.Name}' is required but row {RowCount} is null");
        }

        Definitions!.Add(0);
        Repetitions?.Add(0);
        RowCount++;
    }

    /// <summary>Adds a string row, or null.</summary>
    public void AddString(string? value)
    {
        if (BeginScalar(value is not null, ParquetValueKind.String))
        {
            Strings!.Add(value!);
        }
    }

    /// <summary>Adds a binary row, or null.</summary>
    public void AddBinary(byte[]? value)
    {
        if (BeginScalar(value is not null, ParquetValueKind.Binary))
        {
            Binary!.Add(value);
        }
    }

    /// <summary>Adds a boolean row, or null.</summary>
    public void AddBoolean(bool? value)
    {
        if (BeginScalar(value.HasValue, ParquetValueKind.Boolean))
        {
            Booleans!.Add(value!.Value);
        }
    }

    /// <summary>Adds an int32 row, or null.</summary>
    public void AddInt32(int? value)
    {
        if (BeginScalar(value.HasValue, ParquetValueKind.Int32))
        {
            Int32s!.Add(value!.Value);
        }
    }

    /// <summary>Adds an int64 row, or null.</summary>
    public void AddInt64(long? value)
    {
        if (BeginScalar(value.HasValue, ParquetValueKind.Int64))
        {
            Int64s!.Add(value!.Value);
        }
    }

    /// <summary>Adds a float row, or null.</summary>
    public void AddFloat(float? value)
    {
        if (BeginScalar(value.HasValue, ParquetValueKind.Float))
        {
            Floats!.Add(value!.Value);
        }
    }

    /// <summary>Adds a double row, or null.</summary>
    public void AddDouble(double? value)
    {
        if (BeginScalar(value.HasValue, ParquetValueKind.Double))
        {
            Doubles!.Add(value!.Value);
        }
    }

    /// <summary>Adds a timestamp row (stored as UTC microseconds), or null.</summary>
    public void AddTimestamp(DateTimeOffset? value)
    {
        if (BeginScalar(value.HasValue, ParquetValueKind.TimestampMicros))
        {
            Int64s!.Add(ToMicros(value!.Value));
        }
    }

    /// <summary>Adds a decimal row, or null; fails when the value has more digits after the point than the column's scale or does not fit 18 digits.</summary>
    public void AddDecimal(decimal? value)
    {
        long unscaled = value.HasValue ? ToUnscaled(value.Value) : 0;
        if (BeginScalar(value.HasValue, ParquetValueKind.Decimal))
        {
            Int64s!.Add(unscaled);
        }
    }

    /// <summary>Adds a list-of-strings row; null adds a null list (the column must be nullable).</summary>
    public void AddStringList(IEnumerable<string?>? items)
    {
        CheckKind(ParquetValueKind.String, list: true);
        if (items is null)
        {
            AddNull();
            return;
        }

        int k = 0;
        foreach (var item in items)
        {
            AddElementLevels(k++, item is not null);
            if (item is not null)
            {
                Strings!.Add(item);
            }
        }

        EndList(k);
    }

    /// <summary>Adds a list-of-floats row (for embeddings); elements are never null.</summary>
    public void AddFloatList(ReadOnlySpan<float> items)
    {
        CheckKind(ParquetValueKind.Float, list: true);
        for (int k = 0; k < items.Length; k++)
        {
            AddElementLevels(k, true);
        }

        Floats!.AddRange(items);
        EndList(items.Length);
    }

    /// <summary>Adds a list-of-int64 row; null adds a null list.</summary>
    public void AddInt64List(IEnumerable<long?>? items)
    {
        CheckKind(ParquetValueKind.Int64, list: true);
        if (items is null)
        {
            AddNull();
            return;
        }

        int k = 0;
        foreach (var item in items)
        {
            AddElementLevels(k++, item.HasValue);
            if (item.HasValue)
            {
                Int64s!.Add(item.Value);
            }
        }

        EndList(k);
    }

    internal void Clear()
    {
        RowCount = 0;
        Definitions?.Clear();
        Repetitions?.Clear();
        Booleans?.Clear();
        Int32s?.Clear();
        Int64s?.Clear();
        Floats?.Clear();
        Doubles?.Clear();
        Strings?.Clear();
        Binary?.Clear();
    }

    internal static long ToMicros(DateTimeOffset value) => (value.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    private long ToUnscaled(decimal value)
    {
        decimal scaled = value * Pow10(Spec.DecimalScale);
        if (scaled != decimal.Truncate(scaled) || scaled > 999_999_999_999_999_999m || scaled < -999_999_999_999_999_999m)
        {
            throw new ArgumentOutOfRangeException(Spec.Name, value, $"column '{Spec.Name}' row {RowCount}: {value} does not fit DECIMAL(18,{Spec.DecimalScale})");
        }

        return (long)scaled;
    }

    private static decimal Pow10(int n)
    {
        decimal p = 1m;
        for (int i = 0; i < n; i++)
        {
            p *= 10m;
        }

        return p;
    }

    private bool BeginScalar(bool present, ParquetValueKind kind)
    {
        CheckKind(kind, list: false);
        if (!present)
        {
            AddNull();
            return false;
        }

        Definitions?.Add(Spec.MaxDefinitionLevel);
        RowCount++;
        return true;
    }

    private void AddElementLevels(int index, bool present)
    {
        if (!present && !Spec.ElementNullable)
        {
            throw new ArgumentNullException(Spec.Name, $"column '{Spec.Name}' row {RowCount}: list element {index} is null but elements are required");
        }

        Repetitions!.Add(index == 0 ? 0 : 1);
        Definitions!.Add(present ? Spec.MaxDefinitionLevel : _listDefined + 1);
    }

    private void EndList(int count)
    {
        if (count == 0)
        {
            Repetitions!.Add(0);
            Definitions!.Add(_listDefined);
        }

        RowCount++;
    }

    private void CheckKind(ParquetValueKind kind, bool list)
    {
        bool compatible = Spec.Kind == kind || (kind == ParquetValueKind.Int64 && Spec.Kind is ParquetValueKind.TimestampMicros or ParquetValueKind.Decimal);
        if (!compatible || Spec.IsList != list)
        {
            throw new InvalidOperationException($"column '{Spec.Name}' is {(Spec.IsList ? "a list of " : "")}{Spec.Kind}; cannot add {(list ? "a list of " : "")}{kind}");
        }
    }

    internal static int Utf8Length(string s) => Encoding.UTF8.GetByteCount(s);
}
