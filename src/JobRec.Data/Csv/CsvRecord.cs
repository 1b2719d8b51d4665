using System.Text;
using System.Text.Unicode;

namespace JobRec.Data.Csv;

/// <summary>
/// One record read by <see cref="CsvTokenizer"/>: its fields (kept as UTF-8 bytes and decoded to strings only when
/// read), where it started and, when malformed, why.
/// </summary>
public sealed class CsvRecord
{
    private byte[] _bytes = new byte[1024];
    private int _length;
    private (int Start, int Length)[] _fields = new (int, int)[32];
    private string?[] _strings = new string?[32];
    private int _count;
    private int _fieldStart;

    /// <summary>1-based line number where the record starts.</summary>
    public long Line { get; internal set; }

    /// <summary>Byte offset in the file where the record starts.</summary>
    public long Offset { get; internal set; }

    /// <summary>Why the record is malformed (quoting, size, encoding), or null when it is well formed.</summary>
    public string? Error { get; internal set; }

    /// <summary>True when the input ended inside this record (no line break after it): with an <see cref="Error"/> or a short field count
    /// that is a file cut off mid-record.</summary>
    public bool AtEndOfInput { get; internal set; }

    /// <summary>Number of fields read.</summary>
    public int Count => _count;

    /// <summary>The field at <paramref name="index"/> (0-based), decoded from UTF-8 on first access.</summary>
    public string this[int index]
    {
        get
        {
            if ((uint)index >= (uint)_count) throw new ArgumentOutOfRangeException(nameof(index), $"field {index} of a record with {_count} fields");
            if (_strings[index] is { } s) return s;
            var (start, length) = _fields[index];
            return _strings[index] = length == 0 ? "" : Encoding.UTF8.GetString(_bytes, start, length);
        }
    }

    /// <summary>The raw UTF-8 bytes of field <paramref name="index"/>.</summary>
    public ReadOnlySpan<byte> Utf8Field(int index) => _bytes.AsSpan(_fields[index].Start, _fields[index].Length);

    /// <summary>The fields as a new array.</summary>
    public IReadOnlyList<string> Fields
    {
        get
        {
            var all = new string[_count];
            for (var i = 0; i < _count; i++) all[i] = this[i];
            return all;
        }
    }

    /// <summary>Bytes held for the current field so far.</summary>
    internal int CurrentFieldLength => _length - _fieldStart;

    /// <summary>Bytes held for the whole record so far.</summary>
    internal int TotalLength => _length;

    internal void Clear()
    {
        _length = 0;
        _count = 0;
        _fieldStart = 0;
        Error = null;
        AtEndOfInput = false;
    }

    internal void Append(ReadOnlySpan<byte> bytes)
    {
        if (_length + bytes.Length > _bytes.Length) Array.Resize(ref _bytes, Math.Max(_length + bytes.Length, _bytes.Length * 2));
        bytes.CopyTo(_bytes.AsSpan(_length));
        _length += bytes.Length;
    }

    /// <summary>Drops the bytes of the current field (it was too long) and keeps it empty.</summary>
    internal void TruncateField() => _length = _fieldStart;

    internal void EndField()
    {
        if (_count == _fields.Length)
        {
            Array.Resize(ref _fields, _count * 2);
            Array.Resize(ref _strings, _count * 2);
        }
        _fields[_count] = (_fieldStart, _length - _fieldStart);
        _strings[_count] = null;
        _count++;
        _fieldStart = _length;
    }

    /// <summary>Checks the whole record for NUL bytes and invalid UTF-8 (vectorised) and sets <see cref="Error"/> naming the first bad field.</summary>
    internal void Validate()
    {
        var all = _bytes.AsSpan(0, _length);
        if (all.Contains((byte)0))
        {
            for (var i = 0; i < _count; i++)
            {
                if (Utf8Field(i).Contains((byte)0)) { Fail($"NUL byte (binary data) in field {i + 1}"); return; }
            }
        }
        if (!Utf8.IsValid(all))
        {
            for (var i = 0; i < _count; i++)
            {
                var field = Utf8Field(i);
                if (Utf8.IsValid(field)) continue;
                Utf8.ToUtf16(field, new char[field.Length], out var read, out _, replaceInvalidSequences: false);
                Fail($"invalid UTF-8 in field {i + 1} at byte {read} of the field");
                return;
            }
        }
    }

    internal void Fail(string reason) => Error ??= reason;
}
