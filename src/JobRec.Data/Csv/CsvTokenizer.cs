using System.Buffers;

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
                record.AtEndOfInput = true;
                EndField(record);
                return EndRecord(record);
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
                        return EndRecord(record);
                    }
                    else if (b == (byte)'\r')
                    {
                        _pos++;
                        if ((_pos < _len || Fill()) && _buffer[_pos] == (byte)'\n') _pos++;
                        _line++;
                        EndField(record);
                        return EndRecord(record);
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
        _fieldOverflow = false;
        _fieldQuoted = false;
    }

    private void Append(ReadOnlySpan<byte> bytes, CsvRecord record)
    {
        if (bytes.IsEmpty || _fieldOverflow) return;
        if (record.CurrentFieldLength + bytes.Length > _options.MaxFieldBytes)
        {
            _fieldOverflow = true;
            record.TruncateField();
            record.Fail($"field {record.Count + 1} exceeds the {_options.MaxFieldBytes}-byte limit");
            return;
        }
        if (record.TotalLength + bytes.Length > _options.MaxRecordBytes)
        {
            _fieldOverflow = true;
            record.TruncateField();
            record.Fail($"record exceeds the {_options.MaxRecordBytes}-byte limit");
            return;
        }
        record.Append(bytes);
    }

    private void EndField(CsvRecord record)
    {
        if (record.Count >= _options.MaxFieldsPerRecord)
        {
            record.TruncateField();
            record.Fail($"more than {_options.MaxFieldsPerRecord} fields");
            return;
        }
        record.EndField();
    }

    private static bool EndRecord(CsvRecord record)
    {
        if (record.Error is null) record.Validate();
        return true;
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
