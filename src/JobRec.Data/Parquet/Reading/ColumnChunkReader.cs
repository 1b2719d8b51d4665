using System.Numerics;
using JobRec.Data.Parquet.Compression;
using JobRec.Data.Parquet.Encodings;
using JobRec.Data.Parquet.Format;
using JobRec.Data.Parquet.Schema;
using JobRec.Data.Parquet.Thrift;

namespace JobRec.Data.Parquet.Reading;

/// <summary>Decodes the pages of one column chunk (already read into memory) into levels and values.</summary>
internal sealed class ColumnChunkReader
{
    private readonly string _filePath;
    private readonly ParquetSchemaNode _column;
    private readonly ColumnMetaData _meta;
    private readonly ParquetReadOptions _options;
    private readonly byte[] _chunk;
    private readonly long _chunkOffset;
    private readonly int _defWidth;
    private readonly int _repWidth;
    private ColumnValues? _dictionary;
    private PageHeader? _dictionaryHeader;
    private byte[]? _dictionaryPage;

    public ColumnChunkReader(string filePath, ParquetSchemaNode column, ColumnMetaData meta, byte[] chunk, long chunkOffset, ParquetReadOptions options)
    {
        _filePath = filePath;
        _column = column;
        _meta = meta;
        _chunk = chunk;
        _chunkOffset = chunkOffset;
        _options = options;
        _defWidth = BitWidth(column.MaxDefinitionLevel);
        _repWidth = BitWidth(column.MaxRepetitionLevel);
    }

    /// <summary>Decodes every page; fails with file and offset on malformed data.</summary>
    public ColumnChunkData Read()
    {
        // Capacity hints from the metadata are capped, so a lying footer cannot make this allocate much.
        int valueHint = (int)Math.Clamp(_meta.NumValues, 16, 1 << 20);
        int byteHint = (int)Math.Max(256, Math.Min(_meta.TotalUncompressedSize, Math.Min(_options.MaxPageBytes, 64L * _chunk.Length)));
        var values = new ColumnValues(_column.PhysicalType!.Value, _column.TypeLength, valueHint, byteHint);
        var def = _column.MaxDefinitionLevel > 0 ? new PrimitiveBuffer<int>() : null;
        var rep = _column.MaxRepetitionLevel > 0 ? new PrimitiveBuffer<int>() : null;
        long levelCount = 0;
        int pos = 0;
        while (pos < _chunk.Length && levelCount < _meta.NumValues)
        {
            long pageOffset = _chunkOffset + pos;
            var thrift = new ThriftCompactReader(_chunk, pos, _chunk.Length, pageOffset, _filePath);
            var header = PageHeader.Read(thrift);
            int dataStart = thrift.Position;
            if (header.CompressedPageSize > _chunk.Length - dataStart)
            {
                throw Error(pageOffset, $"page of {header.CompressedPageSize} bytes runs past the end of the column chunk ({_chunk.Length - dataStart} bytes left)");
            }

            if (header.UncompressedPageSize > _options.MaxPageBytes)
            {
                throw new ParquetUnsupportedException($"page of {header.UncompressedPageSize} bytes (over the {_options.MaxPageBytes}-byte page limit) in column {_column.Path}", _filePath);
            }

            var pageData = new ReadOnlySpan<byte>(_chunk, dataStart, header.CompressedPageSize);
            if (header.Crc is { } crc && _options.VerifyChecksums && header.Type != PageType.IndexPage && (uint)crc != Crc32.Compute(pageData))
            {
                throw Error(pageOffset, $"page checksum mismatch in column {_column.Path}");
            }

            try
            {
                switch (header.Type)
                {
                    case PageType.DictionaryPage:
                        ReadDictionaryPage(header, pageData);
                        break;
                    case PageType.DataPage:
                    case PageType.DataPageV2:
                        if (!header.HasTypeHeader)
                        {
                            throw new PageDataException($"{header.Type} header lacks its data page header");
                        }

                        if (header.NumValues < 0 || header.NumValues > _options.MaxValuesPerPage || levelCount + header.NumValues > _meta.NumValues)
                        {
                            throw new PageDataException($"data page declares {header.NumValues} values (column chunk has {_meta.NumValues - levelCount} left, page limit {_options.MaxValuesPerPage})");
                        }

                        if (header.Type == PageType.DataPage)
                        {
                            ReadDataPageV1(header, pageData, def, rep, values);
                        }
                        else
                        {
                            ReadDataPageV2(header, pageData, def, rep, values);
                        }

                        levelCount += header.NumValues;
                        break;
                }
            }
            catch (PageDataException e)
            {
                string where = e.PositionInPage >= 0 ? $" (at byte {e.PositionInPage} of the page data)" : "";
                throw Error(pageOffset, $"column {_column.Path}, {header.Type} page: {e.Message}{where}");
            }
            catch (Exception e) when (e is IndexOutOfRangeException or ArgumentOutOfRangeException or ArgumentException or OverflowException)
            {
                throw Error(pageOffset, $"column {_column.Path}, {header.Type} page: corrupt data ({e.Message})");
            }

            pos = dataStart + header.CompressedPageSize;
        }

        if (levelCount != _meta.NumValues)
        {
            throw Error(_chunkOffset + pos, $"column {_column.Path} has {levelCount} values in its pages but its metadata says {_meta.NumValues}");
        }

        int count = (int)levelCount;
        if (def is null && rep is null && values.Count != count)
        {
            throw Error(_chunkOffset, $"required column {_column.Path} has {values.Count} values for {count} slots");
        }

        return new ColumnChunkData(_column, count, def?.Items, rep?.Items, values);
    }

    private ParquetFormatException Error(long offset, string problem) => new(_filePath, offset, problem);

    private byte[] Decompress(ReadOnlySpan<byte> data, int uncompressedSize)
    {
        if (!PageDecompressor.IsSupported(_meta.Codec))
        {
            throw new ParquetUnsupportedException($"{_meta.Codec.ToString().ToUpperInvariant()} compression (column {_column.Path})", _filePath);
        }

        return PageDecompressor.Decompress(_meta.Codec, data, uncompressedSize);
    }

    private void ReadDictionaryPage(PageHeader header, ReadOnlySpan<byte> pageData)
    {
        if (_dictionaryHeader is not null)
        {
            throw new PageDataException("second dictionary page in one column chunk");
        }

        if (header.NumValues < 0)
        {
            throw new PageDataException($"dictionary page declares {header.NumValues} entries");
        }

        if (header.Encoding is not (ParquetEncoding.Plain or ParquetEncoding.PlainDictionary))
        {
            throw new PageDataException($"dictionary page encoded as {header.Encoding}");
        }

        // Decoded when a page first needs it, so an all-null chunk never decompresses it.
        _dictionaryHeader = header;
        _dictionaryPage = pageData.ToArray();
    }

    private ColumnValues Dictionary()
    {
        if (_dictionary is not null)
        {
            return _dictionary;
        }

        if (_dictionaryHeader is null)
        {
            throw new PageDataException("dictionary-encoded page without a dictionary page");
        }

        byte[] data = Decompress(_dictionaryPage, _dictionaryHeader.UncompressedPageSize);
        var dictionary = new ColumnValues(_column.PhysicalType!.Value, _column.TypeLength, Math.Min(_dictionaryHeader.NumValues, data.Length + 16));
        dictionary.AppendPlain(data, _dictionaryHeader.NumValues);
        _dictionary = dictionary;
        _dictionaryPage = null;
        return dictionary;
    }

    private void ReadDataPageV1(PageHeader header, ReadOnlySpan<byte> pageData, PrimitiveBuffer<int>? def, PrimitiveBuffer<int>? rep, ColumnValues values)
    {
        byte[] page = Decompress(pageData, header.UncompressedPageSize);
        int n = header.NumValues;
        int pos = 0;
        if (rep is not null)
        {
            pos += ReadLevelsV1(page.AsSpan(pos), header.RepetitionLevelEncoding, _repWidth, rep.Extend(n), _column.MaxRepetitionLevel, "repetition");
        }

        int nonNull = n;
        if (def is not null)
        {
            var levels = def.Extend(n);
            pos += ReadLevelsV1(page.AsSpan(pos), header.DefinitionLevelEncoding, _defWidth, levels, _column.MaxDefinitionLevel, "definition");
            nonNull = CountDefined(levels);
        }

        DecodeValues(header.Encoding, page.AsSpan(pos), nonNull, values);
    }

    private void ReadDataPageV2(PageHeader header, ReadOnlySpan<byte> pageData, PrimitiveBuffer<int>? def, PrimitiveBuffer<int>? rep, ColumnValues values)
    {
        int n = header.NumValues;
        int repLength = header.RepetitionLevelsByteLength;
        int defLength = header.DefinitionLevelsByteLength;
        if (repLength < 0 || defLength < 0 || (long)repLength + defLength > pageData.Length || (long)repLength + defLength > header.UncompressedPageSize)
        {
            throw new PageDataException($"v2 level lengths {repLength} + {defLength} exceed the page's {pageData.Length} bytes");
        }

        if (rep is not null)
        {
            var levels = rep.Extend(n);
            RleBitPackedHybridDecoder.Decode(pageData[..repLength], _repWidth, levels);
            CheckLevels(levels, _column.MaxRepetitionLevel, "repetition");
        }

        int nonNull = n;
        if (def is not null)
        {
            var levels = def.Extend(n);
            RleBitPackedHybridDecoder.Decode(pageData.Slice(repLength, defLength), _defWidth, levels);
            CheckLevels(levels, _column.MaxDefinitionLevel, "definition");
            nonNull = CountDefined(levels);
        }

        if (nonNull == 0)
        {
            return; // An all-null or empty page: nothing to decompress.
        }

        var compressed = pageData[(repLength + defLength)..];
        int uncompressedValues = header.UncompressedPageSize - repLength - defLength;
        ReadOnlySpan<byte> data = header.IsCompressed && _meta.Codec != CompressionCodec.Uncompressed
            ? Decompress(compressed, uncompressedValues)
            : compressed;
        DecodeValues(header.Encoding, data, nonNull, values);
    }

    private static int ReadLevelsV1(ReadOnlySpan<byte> data, ParquetEncoding encoding, int bitWidth, Span<int> output, int max, string what)
    {
        int consumed = encoding switch
        {
            ParquetEncoding.Rle => RleBitPackedHybridDecoder.DecodeLengthPrefixed(data, bitWidth, output),
            ParquetEncoding.BitPacked => RleBitPackedHybridDecoder.DecodeLegacyBitPacked(data, bitWidth, output),
            _ => throw new PageDataException($"{what} levels encoded as {encoding}"),
        };
        CheckLevels(output, max, what);
        return consumed;
    }

    private static void CheckLevels(ReadOnlySpan<int> levels, int max, string what)
    {
        foreach (int level in levels)
        {
            if ((uint)level > (uint)max)
            {
                throw new PageDataException($"{what} level {level} exceeds the column's maximum {max}");
            }
        }
    }

    private int CountDefined(ReadOnlySpan<int> levels)
    {
        int max = _column.MaxDefinitionLevel;
        int count = 0;
        foreach (int level in levels)
        {
            if (level == max)
            {
                count++;
            }
        }

        return count;
    }

    private void DecodeValues(ParquetEncoding encoding, ReadOnlySpan<byte> data, int count, ColumnValues values)
    {
        if (count == 0)
        {
            return;
        }

        var type = _column.PhysicalType!.Value;
        switch (encoding)
        {
            case ParquetEncoding.Plain:
                values.AppendPlain(data, count);
                break;
            case ParquetEncoding.PlainDictionary:
            case ParquetEncoding.RleDictionary:
                {
                    var dictionary = Dictionary();
                    if (data.Length < 1)
                    {
                        throw new PageDataException("dictionary index data is empty");
                    }

                    int bitWidth = data[0];
                    if (bitWidth > 32)
                    {
                        throw new PageDataException($"dictionary index bit width {bitWidth}");
                    }

                    int[] indexes = new int[count];
                    RleBitPackedHybridDecoder.Decode(data[1..], bitWidth, indexes);
                    values.AppendFromDictionary(dictionary, indexes);
                    break;
                }

            case ParquetEncoding.Rle when type == PhysicalType.Boolean:
                {
                    int[] bits = new int[count];
                    RleBitPackedHybridDecoder.DecodeLengthPrefixed(data, 1, bits);
                    var dst = values.Booleans!.Extend(count);
                    for (int i = 0; i < count; i++)
                    {
                        dst[i] = bits[i] != 0;
                    }

                    break;
                }

            case ParquetEncoding.DeltaBinaryPacked when type == PhysicalType.Int32:
                DeltaBinaryPackedDecoder.Decode(data, values.Int32s!.Extend(count));
                break;
            case ParquetEncoding.DeltaBinaryPacked when type == PhysicalType.Int64:
                DeltaBinaryPackedDecoder.Decode(data, values.Int64s!.Extend(count));
                break;
            case ParquetEncoding.DeltaLengthByteArray when type == PhysicalType.ByteArray:
                DeltaByteArrayDecoder.DecodeLengths(data, count, values.Binary!);
                break;
            case ParquetEncoding.DeltaByteArray when type is PhysicalType.ByteArray or PhysicalType.FixedLenByteArray:
                {
                    int before = values.Binary!.Count;
                    DeltaByteArrayDecoder.Decode(data, count, values.Binary);
                    if (type == PhysicalType.FixedLenByteArray)
                    {
                        for (int i = before; i < values.Binary.Count; i++)
                        {
                            if (values.Binary[i].Length != _column.TypeLength)
                            {
                                throw new PageDataException($"DELTA_BYTE_ARRAY value {i} has {values.Binary[i].Length} bytes in a fixed_len_byte_array({_column.TypeLength}) column");
                            }
                        }
                    }

                    break;
                }

            case ParquetEncoding.ByteStreamSplit when type is not (PhysicalType.Boolean or PhysicalType.ByteArray or PhysicalType.Int96):
                values.AppendByteStreamSplit(data, count);
                break;
            default:
                throw new ParquetUnsupportedException($"{encoding} encoding of {type} values (column {_column.Path})", _filePath);
        }
    }

    private static int BitWidth(int maxLevel) => maxLevel == 0 ? 0 : 32 - BitOperations.LeadingZeroCount((uint)maxLevel);
}
