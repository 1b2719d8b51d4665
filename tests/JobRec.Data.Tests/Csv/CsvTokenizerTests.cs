using System.Text;
using JobRec.Data.Csv;

namespace JobRec.Data.Tests.Csv;

public class CsvTokenizerTests
{
    private static List<CsvRecord> Tokenize(string text, CsvOptions? options = null) => Tokenize(Encoding.UTF8.GetBytes(text), options);

    private static List<CsvRecord> Tokenize(byte[] bytes, CsvOptions? options = null)
    {
        using var tokenizer = new CsvTokenizer(new MemoryStream(bytes), options);
        var records = new List<CsvRecord>();
        while (true)
        {
            var r = new CsvRecord();
            if (!tokenizer.ReadRecord(r)) return records;
            records.Add(r);
        }
    }

    [Fact]
    public void Reads_quoted_fields_with_delimiters_quotes_and_line_breaks_and_tracks_lines()
    {
        var records = Tokenize("a,b,c\r\n1,\"x, \"\"y\"\"\nz\",3\n\n4,,\"\"\n");
        Assert.Equal(3, records.Count);
        Assert.Equal(["1", "x, \"y\"\nz", "3"], records[1].Fields);
        Assert.Equal(2, records[1].Line);
        Assert.Equal(["4", "", ""], records[2].Fields);
        Assert.Equal(5, records[2].Line);
        Assert.All(records, r => Assert.Null(r.Error));
    }

    [Fact]
    public void Skips_a_byte_order_mark_and_reads_a_last_line_without_newline()
    {
        var records = Tokenize([0xEF, 0xBB, 0xBF, .. "h1,h2\nv1,v2"u8.ToArray()]);
        Assert.Equal(["h1", "h2"], records[0].Fields);
        Assert.Equal(["v1", "v2"], records[1].Fields);
    }

    [Fact]
    public void Marks_malformed_quoting_and_keeps_reading_the_next_records()
    {
        var records = Tokenize("a,b\n1,x\"y\n2,\"q\"z\n3,ok\n");
        Assert.Contains("unexpected quote inside unquoted field 2", records[1].Error);
        Assert.Contains("unexpected character after closing quote of field 2", records[2].Error);
        Assert.Null(records[3].Error);
        Assert.Equal(["3", "ok"], records[3].Fields);
        Assert.Equal(4, records[3].Line);
    }

    [Fact]
    public void Reports_an_unterminated_quote_with_the_line_it_opened_on()
    {
        var records = Tokenize("a,b\n1,\"never closed\n2,x\n");
        Assert.Equal(2, records.Count);
        Assert.Equal("unterminated quoted field 2 opened on line 2", records[1].Error);
    }

    [Fact]
    public void Rejects_a_5MB_field_without_buffering_it_and_resumes_after_it()
    {
        var big = new string('x', 5 * 1024 * 1024);
        var records = Tokenize($"a,b\n1,\"{big}\"\n2,ok\n3,{big}\n4,fine\n");
        Assert.Equal(5, records.Count);
        Assert.Equal("field 2 exceeds the 1048576-byte limit", records[1].Error);
        Assert.Equal(["2", "ok"], records[2].Fields);
        Assert.NotNull(records[3].Error);
        Assert.Equal(["4", "fine"], records[4].Fields);
        Assert.Equal(5, records[4].Line);
    }

    [Fact]
    public void Marks_invalid_utf8_and_nul_bytes_per_record()
    {
        var bytes = "a,b\n1,ok\n2,"u8.ToArray().Concat(new byte[] { 0xC3, 0x28 }).Concat("\n3,\0x\n4,caf\u00e9\n"u8.ToArray()).ToArray();
        var records = Tokenize(bytes);
        Assert.Null(records[1].Error);
        Assert.Equal("invalid UTF-8 in field 2 at byte 0 of the field", records[2].Error);
        Assert.Equal("NUL byte (binary data) in field 2", records[3].Error);
        Assert.Equal("café", records[4][1]);
    }

    [Fact]
    public void Tsv_without_quoting_keeps_quotes_literal()
    {
        var records = Tokenize("a\tb\n\"x\ty\"\n", CsvOptions.Tsv);
        Assert.Equal(["\"x", "y\""], records[1].Fields);
        Assert.Null(records[1].Error);
    }

    [Fact]
    public void Random_bytes_never_throw_or_hang()
    {
        var random = new Random(7);
        var bytes = new byte[2_000_000];
        random.NextBytes(bytes);
        var records = Tokenize(bytes, CsvOptions.Csv with { MaxFieldBytes = 4096 });
        Assert.NotEmpty(records);
        Assert.Contains(records, r => r.Error is not null);
    }

    [Fact]
    public void Seek_reads_a_record_at_a_remembered_offset()
    {
        var bytes = Encoding.UTF8.GetBytes("a,b\n1,\"multi\nline\"\n2,two\n");
        using var tokenizer = new CsvTokenizer(new MemoryStream(bytes), CsvOptions.Csv with { BufferBytes = 1024 });
        var r = new CsvRecord();
        tokenizer.ReadRecord(r);
        tokenizer.ReadRecord(r);
        tokenizer.ReadRecord(r);
        var (offset, line) = (r.Offset, r.Line);
        Assert.Equal(4, line);
        tokenizer.Seek(0, 1);
        tokenizer.ReadRecord(r);
        Assert.Equal(["a", "b"], r.Fields);
        tokenizer.Seek(offset, line);
        tokenizer.ReadRecord(r);
        Assert.Equal(["2", "two"], r.Fields);
        Assert.Equal(4, r.Line);
    }
}
