using System.Runtime.InteropServices;
using System.Text;

namespace JobRec.ML.Onet;

/// <summary>Reads the payload written by <see cref="OnetModelWriter"/> from memory, checking every length and range; any problem is an
/// <see cref="InvalidDataException"/> that names the file, the byte offset in it and what was expected.</summary>
internal sealed class OnetModelReader
{
    private readonly string _path;
    private readonly byte[] _data;
    private int _position;

    /// <summary>Reads the payload of <paramref name="path"/>, the bytes of <paramref name="data"/> (the whole file) from <paramref name="start"/> on.</summary>
    public OnetModelReader(string path, byte[] data, int start) => (_path, _data, _position) = (path, data, start);

    /// <summary>The file being read (for messages).</summary>
    public string Path => _path;

    /// <summary>An error at the current position.</summary>
    public InvalidDataException Error(string message) => new($"{_path} offset {_position}: {message}");

    /// <summary>Checks the next four bytes are the section tag.</summary>
    public void Section(string tag)
    {
        var found = Take(4, $"section '{tag}'");
        if (!found.SequenceEqual(Encoding.ASCII.GetBytes(tag)))
        {
            _position -= 4;
            throw Error($"expected section '{tag}', found '{Encoding.ASCII.GetString(found).ReplaceLineEndings(" ")}'");
        }
    }

    public int Int32(string what, int min = int.MinValue, int max = int.MaxValue)
    {
        int value = BitConverter.ToInt32(Take(4, what));
        if (value < min || value > max)
        {
            _position -= 4;
            throw Error($"{what} is {value}, expected {min}..{max}");
        }
        return value;
    }

    public float Single(string what)
    {
        float value = BitConverter.ToSingle(Take(4, what));
        if (!float.IsFinite(value)) { _position -= 4; throw Error($"{what} is {value}, expected a finite number"); }
        return value;
    }

    public bool Boolean(string what)
    {
        byte b = Take(1, what)[0];
        if (b > 1) { _position--; throw Error($"{what} is byte {b}, expected 0 or 1"); }
        return b == 1;
    }

    public string String(string what)
    {
        int length = Length(what, 1);
        try { return new UTF8Encoding(false, true).GetString(Take(length, what)); }
        catch (DecoderFallbackException) { _position -= length; throw Error($"{what} is not valid UTF-8"); }
    }

    public string[] Strings(string what, int? expected = null)
    {
        int count = Count(what, expected, 4);
        var values = new string[count];
        for (int i = 0; i < count; i++) values[i] = String($"{what} [{i}]");
        return values;
    }

    /// <summary>A float array (of exactly <paramref name="expected"/> values when given); every value must be finite.</summary>
    public float[] Floats(string what, long? expected = null)
    {
        int count = Count(what, expected, sizeof(float));
        int start = _position;
        var values = MemoryMarshal.Cast<byte, float>(Take(count * sizeof(float), what)).ToArray();
        for (int i = 0; i < values.Length; i++)
            if (!float.IsFinite(values[i])) { _position = start + i * sizeof(float); throw Error($"{what} [{i}] is {values[i]}, expected a finite number"); }
        return values;
    }

    /// <summary>An int array (of exactly <paramref name="expected"/> values when given) whose values lie within min..max.</summary>
    public int[] Ints(string what, long? expected = null, int min = int.MinValue, int max = int.MaxValue)
    {
        int count = Count(what, expected, sizeof(int));
        int start = _position;
        var values = MemoryMarshal.Cast<byte, int>(Take(count * sizeof(int), what)).ToArray();
        for (int i = 0; i < values.Length; i++)
            if (values[i] < min || values[i] > max) { _position = start + i * sizeof(int); throw Error($"{what} [{i}] is {values[i]}, expected {min}..{max}"); }
        return values;
    }

    /// <summary>Checks that the whole payload was read.</summary>
    public void End()
    {
        if (_position != _data.Length) throw Error($"{_data.Length - _position} bytes left after the last section");
    }

    private int Count(string what, long? expected, int elementSize)
    {
        int count = Length(what, elementSize);
        if (expected is { } e && count != e) { _position -= 4; throw Error($"{what} has {count} values, expected {e}"); }
        return count;
    }

    /// <summary>A non-negative count whose elements fit in the bytes left.</summary>
    private int Length(string what, int elementSize)
    {
        int count = BitConverter.ToInt32(Take(4, $"length of {what}"));
        long left = _data.Length - _position;
        if (count < 0 || (long)count * elementSize > left)
        {
            _position -= 4;
            throw Error($"length of {what} is {count}, which does not fit the {left} bytes left");
        }
        return count;
    }

    private ReadOnlySpan<byte> Take(int bytes, string what)
    {
        if (_data.Length - _position < bytes) throw Error($"the payload ends inside {what} ({bytes} bytes needed, {_data.Length - _position} left)");
        var span = _data.AsSpan(_position, bytes);
        _position += bytes;
        return span;
    }
}
