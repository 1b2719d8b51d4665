using System.Runtime.InteropServices;
using System.Text;

namespace JobRec.ML.Onet;

/// <summary>Writes the payload of an O*NET model file (<see cref="OnetModelFile"/>): little-endian numbers, length-prefixed arrays and UTF-8
/// strings, and four-letter section tags that <see cref="OnetModelReader"/> checks.</summary>
internal sealed class OnetModelWriter
{
    private readonly BinaryWriter _writer;

    /// <summary>Writes to <paramref name="stream"/> (left open).</summary>
    public OnetModelWriter(Stream stream) => _writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);

    /// <summary>Starts a section: its four ASCII letters.</summary>
    public void Section(string tag)
    {
        if (tag.Length != 4) throw new ArgumentException($"section tag '{tag}' must have 4 letters", nameof(tag));
        _writer.Write(Encoding.ASCII.GetBytes(tag));
    }

    public void Int32(int value) => _writer.Write(value);

    public void Single(float value) => _writer.Write(value);

    public void Boolean(bool value) => _writer.Write(value ? (byte)1 : (byte)0);

    /// <summary>Byte length, then the UTF-8 bytes.</summary>
    public void String(string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        _writer.Write(bytes.Length);
        _writer.Write(bytes);
    }

    public void Strings(IReadOnlyCollection<string> values)
    {
        _writer.Write(values.Count);
        foreach (var v in values) String(v);
    }

    /// <summary>Count, then the raw little-endian values.</summary>
    public void Floats(ReadOnlySpan<float> values)
    {
        _writer.Write(values.Length);
        _writer.Write(MemoryMarshal.AsBytes(values));
    }

    /// <summary>Count, then the raw little-endian values.</summary>
    public void Ints(ReadOnlySpan<int> values)
    {
        _writer.Write(values.Length);
        _writer.Write(MemoryMarshal.AsBytes(values));
    }

    public void Flush() => _writer.Flush();
}
