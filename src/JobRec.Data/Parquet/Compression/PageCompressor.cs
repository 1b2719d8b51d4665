using System.IO.Compression;
using JobRec.Data.Parquet.Format;

namespace JobRec.Data.Parquet.Compression;

/// <summary>Compresses page data for the writer.</summary>
internal static class PageCompressor
{
    /// <summary>Compresses <paramref name="data"/> with <paramref name="codec"/> (UNCOMPRESSED, SNAPPY, GZIP or BROTLI).</summary>
    public static byte[] Compress(CompressionCodec codec, ReadOnlySpan<byte> data)
    {
        switch (codec)
        {
            case CompressionCodec.Uncompressed:
                return data.ToArray();
            case CompressionCodec.Snappy:
                return IronSnappy.Snappy.Encode(data);
            case CompressionCodec.Gzip:
                {
                    using var output = new MemoryStream();
                    using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
                    {
                        gzip.Write(data);
                    }

                    return output.ToArray();
                }

            case CompressionCodec.Brotli:
                {
                    byte[] output = new byte[BrotliEncoder.GetMaxCompressedLength(data.Length)];
                    if (!BrotliEncoder.TryCompress(data, output, out int written, quality: 4, window: 22))
                    {
                        throw new InvalidOperationException("brotli compression failed");
                    }

                    return output.AsSpan(0, written).ToArray();
                }

            default:
                throw new NotSupportedException($"unsupported: writing {codec} compression");
        }
    }
}
