using System.Buffers.Binary;
using System.Runtime.InteropServices;
using JobRec.Data.Parquet.Format;

namespace JobRec.Data.Parquet.Encodings;

/// <summary>Decoded non-null values of one column chunk in their physical representation, appended page by page.</summary>
internal sealed class ColumnValues
{
    /// <summary>Creates an empty store for <paramref name="type"/> values (<paramref name="width"/> bytes each for fixed-length types).</summary>
    public ColumnValues(PhysicalType type, int width, int capacity = 16, int byteCapacity = 0)
    {
        Type = type;
        Width = type switch
        {
            PhysicalType.Int96 => 12,
            PhysicalType.FixedLenByteArray => width,
            PhysicalType.Int32 or PhysicalType.Float => 4,
            PhysicalType.Int64 or PhysicalType.Double => 8,
            _ => 0,
        };
        switch (type)
        {
            case PhysicalType.Boolean: Booleans = new(capacity); break;
            case PhysicalType.Int32: Int32s = new(capacity); break;
            case PhysicalType.Int64: Int64s = new(capacity); break;
            case PhysicalType.Float: Floats = new(capacity); break;
            case PhysicalType.Double: Doubles = new(capacity); break;
            default: Binary = new(capacity, Math.Max(byteCapacity, capacity * Math.Max(Width, 8))); break;
        }
    }

    /// <summary>The physical type.</summary>
    public PhysicalType Type { get; }

    /// <summary>Bytes per value for fixed-size types, 0 for BOOLEAN and BYTE_ARRAY.</summary>
    public int Width { get; }

    public PrimitiveBuffer<bool>? Booleans { get; }
    public PrimitiveBuffer<int>? Int32s { get; }
    public PrimitiveBuffer<long>? Int64s { get; }
    public PrimitiveBuffer<float>? Floats { get; }
    public PrimitiveBuffer<double>? Doubles { get; }

    /// <summary>Values of BYTE_ARRAY, FIXED_LEN_BYTE_ARRAY and INT96 columns.</summary>
    public ByteArrayBuffer? Binary { get; }

    /// <summary>Number of values stored.</summary>
    public int Count => Type switch
    {
        PhysicalType.Boolean => Booleans!.Count,
        PhysicalType.Int32 => Int32s!.Count,
        PhysicalType.Int64 => Int64s!.Count,
        PhysicalType.Float => Floats!.Count,
        PhysicalType.Double => Doubles!.Count,
        _ => Binary!.Count,
    };

    /// <summary>Appends <paramref name="count"/> PLAIN-encoded values from <paramref name="data"/>; returns bytes consumed.</summary>
    public int AppendPlain(ReadOnlySpan<byte> data, int count)
    {
        switch (Type)
        {
            case PhysicalType.Boolean:
                {
                    long bytes = ((long)count + 7) / 8;
                    Require(bytes, data.Length, count);
                    var dst = Booleans!.Extend(count);
                    for (int i = 0; i < count; i++)
                    {
                        dst[i] = ((data[i >> 3] >> (i & 7)) & 1) != 0;
                    }

                    return (int)bytes;
                }

            case PhysicalType.Int32: return AppendFixed(data, count, Int32s!);
            case PhysicalType.Int64: return AppendFixed(data, count, Int64s!);
            case PhysicalType.Float: return AppendFixed(data, count, Floats!);
            case PhysicalType.Double: return AppendFixed(data, count, Doubles!);
            case PhysicalType.ByteArray:
                {
                    var buffer = Binary!;
                    buffer.EnsureValues(count);
                    buffer.EnsureBytes(Math.Max(0, data.Length - 4 * count));
                    int pos = 0;
                    for (int i = 0; i < count; i++)
                    {
                        if (data.Length - pos < 4)
                        {
                            throw new PageDataException($"PLAIN byte array {i} of {count}: length prefix truncated", pos);
                        }

                        uint length = BinaryPrimitives.ReadUInt32LittleEndian(data[pos..]);
                        pos += 4;
                        if (length > (uint)(data.Length - pos))
                        {
                            throw new PageDataException($"PLAIN byte array {i} of {count}: length {length} exceeds the {data.Length - pos} bytes left", pos - 4);
                        }

                        buffer.Add(data.Slice(pos, (int)length));
                        pos += (int)length;
                    }

                    return pos;
                }

            default:
                {
                    long bytes = (long)count * Width;
                    Require(bytes, data.Length, count);
                    var buffer = Binary!;
                    buffer.EnsureValues(count);
                    buffer.EnsureBytes((int)bytes);
                    for (int i = 0; i < count; i++)
                    {
                        buffer.Add(data.Slice(i * Width, Width));
                    }

                    return (int)bytes;
                }
        }
    }

    /// <summary>Appends <paramref name="count"/> BYTE_STREAM_SPLIT values (byte k of value i at k*count+i).</summary>
    public void AppendByteStreamSplit(ReadOnlySpan<byte> data, int count)
    {
        if (Width == 0 || Type == PhysicalType.Int96)
        {
            throw new PageDataException($"BYTE_STREAM_SPLIT is not defined for {Type}");
        }

        long bytes = (long)count * Width;
        Require(bytes, data.Length, count);
        byte[] plain = new byte[bytes];
        for (int k = 0; k < Width; k++)
        {
            var stream = data.Slice(k * count, count);
            for (int i = 0; i < count; i++)
            {
                plain[(i * Width) + k] = stream[i];
            }
        }

        AppendPlain(plain, count);
    }

    /// <summary>Appends the dictionary entries named by <paramref name="indexes"/>.</summary>
    public void AppendFromDictionary(ColumnValues dictionary, ReadOnlySpan<int> indexes)
    {
        int size = dictionary.Count;
        foreach (int index in indexes)
        {
            if ((uint)index >= (uint)size)
            {
                throw new PageDataException($"dictionary index {index} outside a dictionary of {size} entries");
            }
        }

        switch (Type)
        {
            case PhysicalType.Boolean: Gather(dictionary.Booleans!, Booleans!, indexes); break;
            case PhysicalType.Int32: Gather(dictionary.Int32s!, Int32s!, indexes); break;
            case PhysicalType.Int64: Gather(dictionary.Int64s!, Int64s!, indexes); break;
            case PhysicalType.Float: Gather(dictionary.Floats!, Floats!, indexes); break;
            case PhysicalType.Double: Gather(dictionary.Doubles!, Doubles!, indexes); break;
            default:
                {
                    var src = dictionary.Binary!;
                    var dst = Binary!;
                    dst.EnsureValues(indexes.Length);
                    foreach (int index in indexes)
                    {
                        dst.Add(src[index]);
                    }

                    break;
                }
        }
    }

    private static void Gather<T>(PrimitiveBuffer<T> src, PrimitiveBuffer<T> dst, ReadOnlySpan<int> indexes)
        where T : unmanaged
    {
        var items = src.Items;
        var target = dst.Extend(indexes.Length);
        for (int i = 0; i < indexes.Length; i++)
        {
            target[i] = items[indexes[i]];
        }
    }

    private static int AppendFixed<T>(ReadOnlySpan<byte> data, int count, PrimitiveBuffer<T> buffer)
        where T : unmanaged
    {
        int size = System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
        long bytes = (long)count * size;
        Require(bytes, data.Length, count);
        buffer.AddRange(MemoryMarshal.Cast<byte, T>(data[..(int)bytes]));
        return (int)bytes;
    }

    private static void Require(long bytes, int available, int count)
    {
        if (bytes > available)
        {
            throw new PageDataException($"{count} values need {bytes} bytes but the page has {available}");
        }
    }
}
