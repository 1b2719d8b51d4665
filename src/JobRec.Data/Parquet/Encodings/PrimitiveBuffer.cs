namespace JobRec.Data.Parquet.Encodings;

/// <summary>A growable array of fixed-size values.</summary>
/// <typeparam name="T">The value type.</typeparam>
internal sealed class PrimitiveBuffer<T>(int capacity = 16)
    where T : unmanaged
{
    private T[] _items = new T[Math.Max(capacity, 4)];

    /// <summary>Number of values stored.</summary>
    public int Count { get; private set; }

    /// <summary>The underlying array (valid up to <see cref="Count"/>).</summary>
    public T[] Items => _items;

    /// <summary>The stored values.</summary>
    public Span<T> Span => _items.AsSpan(0, Count);

    /// <summary>Appends values.</summary>
    public void AddRange(ReadOnlySpan<T> values) => values.CopyTo(Extend(values.Length));

    /// <summary>Appends one value.</summary>
    public void Add(T value) => Extend(1)[0] = value;

    /// <summary>Grows by <paramref name="count"/> values and returns the new (uninitialised) slots.</summary>
    public Span<T> Extend(int count)
    {
        long needed = (long)Count + count;
        if (needed > Array.MaxLength)
        {
            throw new PageDataException($"column chunk holds more than {Array.MaxLength} values");
        }

        if (needed > _items.Length)
        {
            Array.Resize(ref _items, (int)Math.Min(Array.MaxLength, Math.Max((long)_items.Length * 2, needed)));
        }

        var span = _items.AsSpan(Count, count);
        Count += count;
        return span;
    }

    /// <summary>Removes every value, keeping the memory.</summary>
    public void Clear() => Count = 0;
}
