using System.IO.Compression;
using JobRec.Data.Parquet.Encodings;
using JobRec.Data.Parquet.Format;

namespace JobRec.Data.Parquet.Compression;

/// <summary>Decompresses page data with the column chunk's codec into exactly the size the page header declares.</summary>
internal static class PageDecompressor
{
    /// <summary>True for codecs this reader implements.</summary>
    public static bool IsSupported(CompressionCodec codec) => codec is CompressionCodec.Uncompressed or CompressionCodec.Snappy or CompressionCodec.Gzip or CompressionCodec.Brotli;

    /// <summary>Decompresses <paramref name="source"/>, failing unless it yields exactly <paramref name="uncompressedSize"/> bytes.</summary>
    public static byte[] Decompress(CompressionCodec codec, ReadOnlySpan<byte> source, int uncompressedSize)
    {
        switch (codec)
        {
            case CompressionCodec.Uncompressed:
                if (source.Length != uncompressedSize)
                {
                    throw new PageDataException($"uncompressed page has {source.Length} bytes but its header says {uncompressedSize}");
                }

                return source.ToArray();
            case CompressionCodec.Snappy:
                {
                    int pos = 0;
                    ulong declared = RleBitPackedHybridDecoder.ReadVarint(source, ref pos);
                    if (declared != (ulong)uncompressedSize)
                    {
                        throw new PageDataException($"snappy block declares {declared} bytes but the page header says {uncompressedSize}");
                    }

                    try
                    {
                        byte[] result = IronSnappy.Snappy.Decode(source);
                        return result.Length == uncompressedSize ? result : throw new PageDataException($"snappy block decoded to {result.Length} bytes, expected {uncompressedSize}");
                    }
                    catch (Exception e) when (e is not PageDataException)
                    {
                        throw new PageDataException($"corrupt snappy data: {e.Message}");
                    }
                }

            case CompressionCodec.Gzip:
                {
                    byte[] result = new byte[uncompressedSize];
                    try
                    {
                        unsafe
                        {
                            fixed (byte* p = source)
                            {
                                using var input = new UnmanagedMemoryStream(p, source.Length);
                                using var gzip = new GZipStream(input, CompressionMode.Decompress);
                                gzip.ReadExactly(result);
                                if (gzip.ReadByte() != -1)
                                {
                                    throw new PageDataException($"gzip data inflates to more than the {uncompressedSize} bytes the page header says");
                                }
                            }
                        }
                    }
                    catch (Exception e) when (e is InvalidDataException or EndOfStreamException)
                    {
                        throw new PageDataException($"corrupt gzip data: {e.Message}");
                    }

                    return result;
                }

            case CompressionCodec.Brotli:
                {
                    byte[] result = new byte[uncompressedSize];
                    if (!BrotliDecoder.TryDecompress(source, result, out int written) || written != uncompressedSize)
                    {
                        throw new PageDataException($"corrupt brotli data or size other than the {uncompressedSize} bytes the page header says");
                    }

                    return result;
                }

            default:
                throw new NotSupportedException(codec.ToString());
        }
    }
}
