using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace JobRec.Data.Csv;

/// <summary>
/// Streaming RFC-4180 tokenizer over UTF-8 bytes: reads one record at a time with bounded memory, tracks line
/// numbers, and marks (never throws on) malformed quoting, oversized fields, NUL bytes and invalid UTF-8.
/// </summary>
public sealed class CsvTokenizer : IDisposable
{
    private enum State { StartField, Unquoted, Quoted, QuoteInQuoted }

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly CsvOptions _options;
    private readonly byte[] _buffer;
    private readonly SearchValues<byte> _unquotedStops;
    private byte[] _field = new byte[256];
    private int _fieldLength;
    private bool _fieldOverflow;
    private bool _fieldQuoted;
    private int _pos;
    private int _len;
    private long _bufferStart;
    private long _line = 1;
    private bool _eof;
    private bool _atStart = true;

    /// <summary>Creates a tokenizer reading <paramref name="stream"/> from its current position.</summary>
    public CsvTokenizer(Stream stream, CsvOptions? options = null, bool leaveOpen = false)
    {
        _stream = stream;
        _leaveOpen = leaveOpen;
        _options = options ?? CsvOptions.Csv;
        _buffer = new byte[Math.Max(1024, _options.BufferBytes)];
        _unquotedStops = _options.Quote is { } q
            ? SearchValues.Create([_options.Delimiter, (byte)'\n', (byte)'\r', q])
            : SearchValues.Create([_options.Delimiter, (byte)'\n', (byte)'\r']);
        _bufferStart = stream.CanSeek ? stream.Position : 0;
    }

    /// <summary>Bytes consumed so far (absolute offset in the stream).</summary>
    public long Position => _bufferStart + _pos;

    /// <summary>Line number of the next record.</summary>
    public long Line => _line;

    /// <summary>Moves to a record that starts at byte <paramref name="offset"/> on line <paramref name="line"/>; the stream must be seekable.</summary>
    public void Seek(long offset, long line)
    {
        if (offset >= _bufferStart && offset <= _bufferStart + _len)
        {
            _pos = (int)(offset - _bufferStart);
        }
        else
        {
            _stream.Position = offset;
            _bufferStart = offset;
            _pos = 0;
            _len = 0;
        }
        _eof = false;
        _line = line;
        _atStart = offset == 0;
    }

    /// <summary>Reads the next non-blank record into <paramref name="record"/>; false at end of input.</summary>
    public bool ReadRecord(CsvRecord record)
    {
        while (true)
        {
            if (!ReadOne(record)) return false;
            var blank = record.Count == 1 && record[0].Length == 0 && !_fieldQuoted && record.Error is null;
            if (!blank) return true;
        }
    }

    private bool ReadOne(CsvRecord record)
    {
        record.Clear();
        if (_pos >= _len && !Fill()) return false;
        if (_atStart)
        {
            _atStart = false;
            if (_len - _pos >= 3 && _buffer[_pos] == 0xEF && _buffer[_pos + 1] == 0xBB && _buffer[_pos + 2] == 0xBF) _pos += 3;
            if (_pos >= _len && !Fill()) return false;
        }
        record.Line = _line;
        record.Offset = Position;
        var state = State.StartField;
        long quoteLine = 0;
        ResetField();
        var quote = _options.Quote ?? 0;
        var hasQuote = _options.Quote.HasValue;
        var delimiter = _options.Delimiter;
        while (true)
        {
            if (_pos >= _len && !Fill())
            {
                if (state == State.Quoted) record.Fail($"unterminated quoted field {record.Count + 1} opened on line {quoteLine}");
                EndField(record);
                return true;
            }
            switch (state)
            {
                case State.StartField:
                    if (hasQuote && _buffer[_pos] == quote)
                    {
                        _fieldQuoted = true;
                        quoteLine = _line;
                        _pos++;
                        state = State.Quoted;
                    }
                    else
                    {
                        state = State.Unquoted;
                    }
                    break;
                case State.Unquoted:
                {
                    var span = _buffer.AsSpan(_pos, _len - _pos);
                    var stop = span.IndexOfAny(_unquotedStops);
                    if (stop < 0)
                    {
                        Append(span, record);
                        _pos = _len;
                        break;
                    }
                    Append(span[..stop], record);
                    _pos += stop;
                    var b = _buffer[_pos];
                    if (b == delimiter)
                    {
                        _pos++;
                        EndField(record);
                        ResetField();
                        state = State.StartField;
                    }
                    else if (b == (byte)'\n')
                    {
                        _pos++;
                        _line++;
                        EndField(record);
                        return true;
                    }
                    else if (b == (byte)'\r')
                    {
                        _pos++;
                        if ((_pos < _len || Fill()) && _buffer[_pos] == (byte)'\n') _pos++;
                        _line++;
                        EndField(record);
                        return true;
                    }
                    else
                    {
                        record.Fail($"unexpected quote inside unquoted field {record.Count + 1}");
                        Append(_buffer.AsSpan(_pos, 1), record);
                        _pos++;
                    }
                    break;
                }
                case State.Quoted:
                {
                    var span = _buffer.AsSpan(_pos, _len - _pos);
                    var stop = span.IndexOf(quote);
                    var chunk = stop < 0 ? span : span[..stop];
                    _line += chunk.Count((byte)'\n');
                    Append(chunk, record);
                    if (stop < 0)
                    {
                        _pos = _len;
                    }
                    else
                    {
                        _pos += stop + 1;
                        state = State.QuoteInQuoted;
                    }
                    break;
                }
                case State.QuoteInQuoted:
                {
                    var b = _buffer[_pos];
                    if (b == quote)
                    {
                        Append(_buffer.AsSpan(_pos, 1), record);
                        _pos++;
                        state = State.Quoted;
                    }
                    else
                    {
                        if (b != delimiter && b != (byte)'\n' && b != (byte)'\r')
                            record.Fail($"unexpected character after closing quote of field {record.Count + 1}");
                        state = State.Unquoted;
                    }
                    break;
                }
            }
        }
    }

    private void ResetField()
    {
        _fieldLength = 0;
        _fieldOverflow = false;
        _fieldQuoted = false;
    }

    private void Append(ReadOnlySpan<byte> bytes, CsvRecord record)
    {
        if (bytes.IsEmpty || _fieldOverflow) return;
        var needed = _fieldLength + bytes.Length;
        if (needed > _options.MaxFieldBytes)
        {
            _fieldOverflow = true;
            record.Fail($"field {record.Count + 1} exceeds the {_options.MaxFieldBytes}-byte limit");
            return;
        }
        if (needed > _field.Length) Array.Resize(ref _field, Math.Min(_options.MaxFieldBytes, Math.Max(needed, _field.Length * 2)));
        bytes.CopyTo(_field.AsSpan(_fieldLength));
        _fieldLength = needed;
    }

    private void EndField(CsvRecord record)
    {
        if (record.Count >= _options.MaxFieldsPerRecord)
        {
            record.Fail($"more than {_options.MaxFieldsPerRecord} fields");
            return;
        }
        var bytes = _field.AsSpan(0, _fieldLength);
        if (_fieldOverflow)
        {
            record.Add("");
            return;
        }
        if (bytes.Contains((byte)0))
        {
            record.Fail($"NUL byte (binary data) in field {record.Count + 1}");
            record.Add("");
            return;
        }
        if (!Utf8.IsValid(bytes))
        {
            Utf8.ToUtf16(bytes, new char[bytes.Length], out var read, out _, replaceInvalidSequences: false);
            record.Fail($"invalid UTF-8 in field {record.Count + 1} at byte {read} of the field");
            record.Add("");
            return;
        }
        record.Add(bytes.Length == 0 ? "" : Encoding.UTF8.GetString(bytes));
    }

    private bool Fill()
    {
        if (_eof) return false;
        _bufferStart += _pos;
        var remaining = _len - _pos;
        if (remaining > 0) Buffer.BlockCopy(_buffer, _pos, _buffer, 0, remaining);
        _pos = 0;
        _len = remaining;
        var read = _stream.Read(_buffer, _len, _buffer.Length - _len);
        if (read <= 0)
        {
            _eof = true;
            return _len > 0;
        }
        _len += read;
        return true;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (!_leaveOpen) _stream.Dispose();
    }
}
