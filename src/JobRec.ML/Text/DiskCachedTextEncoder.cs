using System.Text;
using JobRec.FileFormats;

namespace JobRec.ML.Text;

/// <summary>An <see cref="ITextEncoder"/> that remembers vectors of texts it has seen, in memory and in an append-only file, so repeated runs skip re-encoding.</summary>
/// <remarks>File layout: the <see cref="Format"/> header (magic "JREC", version 2; a version 1 file starts with "JRE1" and no version field),
/// dimension (int32), then records of (UTF-8 length int32, UTF-8 bytes, dimension float32). A truncated tail record (interrupted run) is ignored;
/// new records are appended to a version 1 file in the same layout.</remarks>
public sealed class DiskCachedTextEncoder : ITextEncoder, IDisposable
{
    /// <summary>The cache file format (magic "JREC", version 2; version 1 files start with "JRE1" and have no version field).</summary>
    public static readonly BinaryFileFormat Format = new("embedding cache", "JREC"u8, version: 2, oldestReadable: 1, unversionedMagic: "JRE1"u8.ToArray());
    private readonly ITextEncoder _inner;
    private readonly Dictionary<string, float[]> _vectors = new(StringComparer.Ordinal);
    private readonly BinaryWriter? _writer;
    private readonly object _gate = new();

    /// <summary>The encoder that computes vectors not in the cache.</summary>
    public ITextEncoder Inner => _inner;

    /// <summary>Wraps <paramref name="inner"/>; with a <paramref name="cacheFile"/> the vectors are loaded from and appended to that file.</summary>
    /// <exception cref="InvalidDataException">The file is not an embedding cache or has another dimension.</exception>
    public DiskCachedTextEncoder(ITextEncoder inner, string? cacheFile)
    {
        _inner = inner;
        if (cacheFile is null) return;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(cacheFile))!);
        long validLength = 0;
        FileStream stream;
        try
        {
            stream = new FileStream(cacheFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            // Another process holds this cache: keep vectors in memory only.
            return;
        }
        if (stream.Length > 0)
        {
            try { validLength = Load(stream, cacheFile); }
            catch { stream.Dispose(); throw; }
        }
        if (validLength == 0)
        {
            stream.SetLength(0);
            Format.WriteHeader(stream);
            stream.Write(BitConverter.GetBytes(inner.Dimension));
        }
        else
        {
            stream.SetLength(validLength);
            stream.Seek(0, SeekOrigin.End);
        }
        _writer = new BinaryWriter(stream, Encoding.UTF8);
    }

    /// <inheritdoc />
    public int Dimension => _inner.Dimension;

    /// <summary>Number of distinct texts whose vectors are known.</summary>
    public int Count { get { lock (_gate) return _vectors.Count; } }

    /// <inheritdoc />
    public float[] Encode(IReadOnlyList<string> texts)
    {
        int d = Dimension;
        var result = new float[texts.Count * d];
        var missing = new List<string>();
        lock (_gate)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var t in texts)
                if (!_vectors.ContainsKey(t) && seen.Add(t)) missing.Add(t);
        }
        if (missing.Count > 0)
        {
            var vectors = _inner.Encode(missing);
            lock (_gate)
            {
                for (int i = 0; i < missing.Count; i++)
                {
                    var v = vectors.AsSpan(i * d, d).ToArray();
                    if (_vectors.TryAdd(missing[i], v) && _writer is not null)
                    {
                        var bytes = Encoding.UTF8.GetBytes(missing[i]);
                        _writer.Write(bytes.Length);
                        _writer.Write(bytes);
                        foreach (var x in v) _writer.Write(x);
                    }
                }
                _writer?.Flush();
            }
        }
        lock (_gate)
            for (int i = 0; i < texts.Count; i++) _vectors[texts[i]].CopyTo(result.AsSpan(i * d, d));
        return result;
    }

    /// <inheritdoc />
    public void Dispose() => _writer?.Dispose();

    private long Load(Stream stream, string path)
    {
        stream.Position = 0;
        using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        if (stream.Length < 8) return 0; // shorter than any header and dimension (interrupted at creation): written again
        var header = Format.ReadHeader(stream, path);
        if (stream.Length < header.Length + 4) return 0; // ends before the dimension: written again
        int dim = reader.ReadInt32();
        if (dim != Dimension) throw Format.Error(path, header.Length, $"cache holds {dim}-d vectors, encoder gives {Dimension}-d");
        long valid = reader.BaseStream.Position, length = reader.BaseStream.Length;
        while (valid + 4 <= length)
        {
            int textLength = reader.ReadInt32();
            if (textLength < 0 || valid + 4 + textLength + 4L * dim > length) break;
            var text = Encoding.UTF8.GetString(reader.ReadBytes(textLength));
            var v = new float[dim];
            for (int j = 0; j < dim; j++) v[j] = reader.ReadSingle();
            _vectors[text] = v;
            valid = reader.BaseStream.Position;
        }
        return valid;
    }
}
