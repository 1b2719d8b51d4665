namespace JobRec.Cli.Tests.Commands;

/// <summary><c>jobrec ingest</c> in process: a file cut off inside its last record imports the rows before it and exits non-zero unless allowed.</summary>
public sealed class IngestCommandTests
{
    private const string Header = "\"job_link\",\"last_processed_time\",\"got_summary\",\"got_ner\",\"is_being_worked\",\"job_title\",\"company\",\"job_location\",\"first_seen\",\"search_city\",\"search_country\",\"search_position\",\"job_level\",\"job_type\"\n";

    [Fact]
    public void A_cut_off_csv_exits_3_naming_the_file_and_line_unless_partial_input_is_allowed()
    {
        var dir = Path.Combine(Path.GetTempPath(), "jobrec-ingest-cli-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var full = Header + Row("1000001", "First") + Row("1000002", "Second") + Row("1000003", "Third");
            var csv = Path.Combine(dir, "linkedin_job_postings.csv");
            File.WriteAllText(csv, full[..(full.Length - 30)]); // cut inside the last record's quoted fields

            var cut = Run("ingest", "--source", "linkedin2024", "--target", "memory", csv);
            Assert.Equal(3, cut.Code);
            Assert.Contains("ingest: read=3 imported=2 rejected=1", cut.Output, StringComparison.Ordinal);
            Assert.Contains("linkedin_job_postings.csv:4: the file ends inside this record", cut.Error, StringComparison.Ordinal);
            Assert.Contains("--allow-partial", cut.Error, StringComparison.Ordinal);

            var allowed = Run("ingest", "--source", "linkedin2024", "--target", "memory", "--allow-partial", csv);
            Assert.Equal(0, allowed.Code);

            File.WriteAllText(csv, full);
            var whole = Run("ingest", "--source", "linkedin2024", "--target", "memory", csv);
            Assert.Equal(0, whole.Code);
            Assert.Contains("ingest: read=3 imported=3 rejected=0", whole.Output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static string Row(string id, string title) =>
        $"\"https://www.linkedin.com/jobs/view/a-{id}\",\"2024-01-21\",\"t\",\"t\",\"f\",\"{title}\",\"Acme\",\"Austin, TX\",\"2024-01-15\",\"Austin\",\"United States\",\"X\",\"Associate\",\"Remote\"\n";

    private static (int Code, string Output, string Error) Run(params string[] args) => CliRunner.Run(args);
}
