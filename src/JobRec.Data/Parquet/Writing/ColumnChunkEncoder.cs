using System.Text;
using JobRec.Data.Parquet.Compression;
using JobRec.Data.Parquet.Encodings;
using JobRec.Data.Parquet.Format;
using JobRec.Data.Parquet.Thrift;

namespace JobRec.Data.Parquet.Writing;

/// <summary>Writes one column buffer as a column chunk: an optional dictionary page, then data pages (v1) cut at row boundaries, with statistics.</summary>
internal sealed class ColumnChunkEncoder
{
    private const int MaxStatisticsBytes = 128;
    private readonly ParquetColumnBuffer _column;
    private readonly ParquetWriteOptions _options;
    private readonly PositionedOutput _output;
    private readonly ThriftCompactWriter _thrift = new();
    private readonly GrowableBuffer _page = new(1 << 16);
    private readonly GrowableBuffer _values = new(1 << 16);
    private long _compressedTotal;
    private long _uncompressedTotal;
    private byte[]? _min;
    private byte[]? _max;

    public ColumnChunkEncoder(ParquetColumnBuffer column, ParquetWriteOptions options, PositionedOutput output)
    {
        _column = column;
        _options = options;
        _output = output;
    }

    public ColumnChunk Write()
    {
        var spec = _column.Spec;
        int slots = _column.SlotCount;
        int[]? def = _column.Definitions?.Items;
        int[]? rep = _column.Repetitions?.Items;
        int maxDef = spec.MaxDefinitionLevel;
        long chunkStart = _output.Position;
        long? dictionaryOffset = null;
        var encodings = new List<ParquetEncoding> { ParquetEncoding.Plain, ParquetEncoding.Rle };

        int[]? indexes = TryBuildDictionary(out var dictionary);
        int indexWidth = 0;
        if (indexes is not null)
        {
            dictionaryOffset = _output.Position;
            indexWidth = Math.Max(1, 32 - System.Numerics.BitOperations.LeadingZeroCount((uint)(dictionary!.Count - 1)));
            _page.Clear();
            for (int i = 0; i < dictionary.Count; i++)
            {
                var entry = dictionary[i];
                _page.WriteInt32(entry.Length);
                _page.Write(entry);
                Track(entry);
            }

            WritePage(new PageHeader { Type = PageType.DictionaryPage, NumValues = dictionary.Count, Encoding = ParquetEncoding.Plain }, _page.Written);
            encodings.Add(ParquetEncoding.RleDictionary);
        }

        long dataOffset = _output.Position;
        int slot = 0;
        int valueIndex = 0;
        var bools = new List<bool>();
        do
        {
            int pageStart = slot;
            int valueStart = valueIndex;
            _values.Clear();
            bools.Clear();
            while (slot < slots)
            {
                long pageBytes = indexes is not null ? (long)(valueIndex - valueStart) * indexWidth / 8 : _values.Length + (bools.Count / 8);
                if (slot > pageStart && pageBytes >= _options.PageSizeBytes && (rep is null || rep[slot] == 0))
                {
                    break;
                }

                if (def is null || def[slot] == maxDef)
                {
                    if (indexes is null)
                    {
                        AppendPlain(valueIndex, bools);
                    }

                    valueIndex++;
                }

                slot++;
            }

            _page.Clear();
            if (rep is not null)
            {
                AppendLevels(rep.AsSpan(pageStart, slot - pageStart), spec.MaxRepetitionLevel);
            }

            if (def is not null)
            {
                AppendLevels(def.AsSpan(pageStart, slot - pageStart), maxDef);
            }

            if (indexes is not null)
            {
                _page.WriteByte((byte)indexWidth);
                RleBitPackedHybridEncoder.Encode(indexes.AsSpan(valueStart, valueIndex - valueStart), indexWidth, _page);
            }
            else if (spec.Kind == ParquetValueKind.Boolean)
            {
                var packed = _page.Extend((bools.Count + 7) / 8);
                packed.Clear();
                for (int i = 0; i < bools.Count; i++)
                {
                    if (bools[i])
                    {
                        packed[i >> 3] |= (byte)(1 << (i & 7));
                    }
                }
            }
            else
            {
                _page.Write(_values.Written);
            }

            WritePage(
                new PageHeader { Type = PageType.DataPage, NumValues = slot - pageStart, Encoding = indexes is not null ? ParquetEncoding.RleDictionary : ParquetEncoding.Plain },
                _page.Written);
        }
        while (slot < slots);

        var meta = new ColumnMetaData
        {
            Type = PhysicalTypeOf(spec.Kind),
            Encodings = encodings,
            PathInSchema = spec.IsList ? [spec.Name, "list", "element"] : [spec.Name],
            Codec = _options.Codec,
            NumValues = slots,
            TotalUncompressedSize = _uncompressedTotal,
            TotalCompressedSize = _compressedTotal,
            DataPageOffset = dataOffset,
            DictionaryPageOffset = dictionaryOffset,
            Statistics = new Statistics { NullCount = slots - valueIndex, MinValue = _min, MaxValue = _max },
        };
        if (_min is null || _max is null || _min.Length > MaxStatisticsBytes || _max.Length > MaxStatisticsBytes)
        {
            meta.Statistics.MinValue = null;
            meta.Statistics.MaxValue = null;
        }

        return new ColumnChunk { FileOffset = chunkStart, MetaData = meta };
    }

    internal static PhysicalType PhysicalTypeOf(ParquetValueKind kind) => kind switch
    {
        ParquetValueKind.Boolean => PhysicalType.Boolean,
        ParquetValueKind.Int32 => PhysicalType.Int32,
        ParquetValueKind.Int64 or ParquetValueKind.TimestampMicros or ParquetValueKind.Decimal => PhysicalType.Int64,
        ParquetValueKind.Float => PhysicalType.Float,
        ParquetValueKind.Double => PhysicalType.Double,
        _ => PhysicalType.ByteArray,
    };

    private int[]? TryBuildDictionary(out List<byte[]>? dictionary)
    {
        dictionary = null;
        var strings = _column.Strings;
        if (strings is null || !_options.DictionaryEncodeStrings || strings.Count == 0)
        {
            return null;
        }

        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var entries = new List<byte[]>();
        var indexes = new int[strings.Count];
        long bytes = 0;
        for (int i = 0; i < strings.Count; i++)
        {
            string s = strings[i];
            if (!ids.TryGetValue(s, out int id))
            {
                id = entries.Count;
                ids.Add(s, id);
                byte[] utf8 = Encoding.UTF8.GetBytes(s);
                entries.Add(utf8);
                bytes += utf8.Length + 4;
                if (bytes > _options.MaxDictionaryBytes || entries.Count > (strings.Count / 2) + 16)
                {
                    return null;
                }
            }

            indexes[i] = id;
        }

        dictionary = entries;
        return indexes;
    }

    private void AppendPlain(int valueIndex, List<bool> bools)
    {
        switch (_column.Spec.Kind)
        {
            case ParquetValueKind.Boolean:
                bools.Add(_column.Booleans!.Items[valueIndex]);
                break;
            case ParquetValueKind.Int32:
                {
                    int v = _column.Int32s!.Items[valueIndex];
                    _values.WriteInt32(v);
                    TrackSigned(v, 4);
                    break;
                }

            case ParquetValueKind.Int64 or ParquetValueKind.TimestampMicros or ParquetValueKind.Decimal:
                {
                    long v = _column.Int64s!.Items[valueIndex];
                    System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(_values.Extend(8), v);
                    TrackSigned(v, 8);
                    break;
                }

            case ParquetValueKind.Float:
                {
                    float v = _column.Floats!.Items[valueIndex];
                    System.Buffers.Binary.BinaryPrimitives.WriteSingleLittleEndian(_values.Extend(4), v);
                    TrackFloat(v);
                    break;
                }

            case ParquetValueKind.Double:
                {
                    double v = _column.Doubles!.Items[valueIndex];
                    System.Buffers.Binary.BinaryPrimitives.WriteDoubleLittleEndian(_values.Extend(8), v);
                    TrackDouble(v);
                    break;
                }

            case ParquetValueKind.String:
                {
                    string s = _column.Strings![valueIndex];
                    var span = _values.GetSpan(4 + Encoding.UTF8.GetMaxByteCount(s.Length));
                    int length = Encoding.UTF8.GetBytes(s, span[4..]);
                    System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(span, length);
                    _values.Advance(4 + length);
                    Track(span.Slice(4, length));
                    break;
                }

            default:
                {
                    var bytes = _column.Binary![valueIndex];
                    _values.WriteInt32(bytes.Length);
                    _values.Write(bytes);
                    Track(bytes);
                    break;
                }
        }
    }

    private void AppendLevels(ReadOnlySpan<int> levels, int maxLevel)
    {
        int lengthAt = _page.Length;
        _page.WriteInt32(0);
        RleBitPackedHybridEncoder.Encode(levels, 32 - System.Numerics.BitOperations.LeadingZeroCount((uint)maxLevel), _page);
        _page.PatchInt32(lengthAt, _page.Length - lengthAt - 4);
    }

    private void WritePage(PageHeader header, ReadOnlySpan<byte> uncompressed)
    {
        byte[] compressed = PageCompressor.Compress(_options.Codec, uncompressed);
        header.UncompressedPageSize = uncompressed.Length;
        header.CompressedPageSize = compressed.Length;
        if (_options.WriteChecksums)
        {
            header.Crc = unchecked((int)Crc32.Compute(compressed));
        }

        _thrift.Clear();
        header.Write(_thrift);
        _output.Write(_thrift.Written);
        _output.Write(compressed);
        _uncompressedTotal += _thrift.Length + uncompressed.Length;
        _compressedTotal += _thrift.Length + compressed.Length;
    }

    // Statistics: BYTE_ARRAY min/max compare as unsigned bytes; numbers compare by value, NaN excluded.
    private long _minSigned = long.MaxValue;
    private long _maxSigned = long.MinValue;
    private double _minDouble = double.PositiveInfinity;
    private double _maxDouble = double.NegativeInfinity;

    private void Track(ReadOnlySpan<byte> value)
    {
        if (_min is null || value.SequenceCompareTo(_min) < 0)
        {
            _min = value.ToArray();
        }

        if (_max is null || value.SequenceCompareTo(_max) > 0)
        {
            _max = value.ToArray();
        }
    }

    private void TrackSigned(long v, int width)
    {
        bool changed = false;
        if (v < _minSigned)
        {
            _minSigned = v;
            changed = true;
        }

        if (v > _maxSigned)
        {
            _maxSigned = v;
            changed = true;
        }

        if (changed)
        {
            _min = width == 4 ? BitConverter.GetBytes((int)_minSigned) : BitConverter.GetBytes(_minSigned);
            _max = width == 4 ? BitConverter.GetBytes((int)_maxSigned) : BitConverter.GetBytes(_maxSigned);
        }
    }

    private void TrackFloat(float v)
    {
        if (float.IsNaN(v) || !TrackDoubleRange(v))
        {
            return;
        }

        _min = BitConverter.GetBytes((float)_minDouble);
        _max = BitConverter.GetBytes((float)_maxDouble);
    }

    private void TrackDouble(double v)
    {
        if (double.IsNaN(v) || !TrackDoubleRange(v))
        {
            return;
        }

        _min = BitConverter.GetBytes(_minDouble);
        _max = BitConverter.GetBytes(_maxDouble);
    }

    private bool TrackDoubleRange(double v)
    {
        bool changed = false;
        if (v < _minDouble || (v == 0 && _minDouble == 0 && double.IsNegative(v)))
        {
            _minDouble = v == 0 ? -0.0 : v;
            changed = true;
        }

        if (v > _maxDouble || (v == 0 && _maxDouble == 0 && !double.IsNegative(v)))
        {
            _maxDouble = v == 0 ? 0.0 : v;
            changed = true;
        }

        return changed;
    }
}
