using System.Text;
using JobRec.Data.Readers.LinkedIn;

namespace JobRec.Data.Tests.Readers;

public class BadInputTests
{
    private const string Header = "\"job_link\",\"last_processed_time\",\"got_summary\",\"got_ner\",\"is_being_worked\",\"job_title\",\"company\",\"job_location\",\"first_seen\",\"search_city\",\"search_country\",\"search_position\",\"job_level\",\"job_type\"\n";

    private static string Row(string link, string title) =>
        $"\"https://www.linkedin.com/jobs/view/{link}\",\"2024-01-21\",\"t\",\"t\",\"f\",\"{title}\",\"Acme\",\"Austin, TX\",\"2024-01-15\",\"Austin\",\"United States\",\"X\",\"Associate\",\"Remote\"\n";

    [Fact]
    public void Bad_rows_are_rejected_with_file_line_and_reason_and_good_rows_survive()
    {
        using var temp = new TempFolder();
        var big = new string('z', 5 * 1024 * 1024);
        var text = Header
            + Row("a-1000001", "Good One")                                       // line 2
            + "\"https://x/1000002\",\"broken quote\"here,t\n"                   // line 3: malformed quoting
            + "\"https://x/1000003\",\"too\",\"few\"\n"                          // line 4: wrong column count
            + Row("a-1000004", "")                                               // line 5: missing title
            + Row("a-1000005", big)                                              // line 6: 5 MB field
            + Row("a-1000006", "Good Two");                                      // line 7
        var bytes = Encoding.UTF8.GetBytes(text).Concat(Encoding.UTF8.GetBytes(Row("a-1000007", "Bad \u00e9")).Select(b => b == 0xA9 ? (byte)0xFF : b))
            .Concat(Encoding.UTF8.GetBytes(Row("a-1000008", "Good Three"))).ToArray();
        temp.File("linkedin_job_postings.csv", bytes);
        var r = ReadResult.Of(new LinkedIn2024Source([temp.Path]));
        Assert.Equal(["li:1000001", "li:1000006", "li:1000008"], r.Jobs.Select(j => j.Id));
        Assert.Equal(8, r.Report.Read);
        Assert.Equal(5, r.Report.Rejected);
        var issues = r.Report.Issues.Select(i => i.ToString()).ToList();
        Assert.Equal("linkedin_job_postings.csv:3: unexpected character after closing quote of field 2", issues[0]);
        Assert.Equal("linkedin_job_postings.csv:4: expected 14 fields, found 3", issues[1]);
        Assert.Equal("linkedin_job_postings.csv:5: missing required field job_title", issues[2]);
        Assert.Equal("linkedin_job_postings.csv:6: field 6 exceeds the 1048576-byte limit", issues[3]);
        Assert.StartsWith("linkedin_job_postings.csv:8: invalid UTF-8 in field 6", issues[4]);
    }

    [Theory]
    [InlineData(40)]  // cut inside a quoted field
    [InlineData(-2)]  // cut between fields: too few of them
    public void A_file_cut_off_inside_its_last_record_is_reported_as_cut_off_and_its_earlier_rows_survive(int cutFromRowStart)
    {
        using var temp = new TempFolder();
        var last = Row("a-1000003", "Third");
        var text = Header + Row("a-1000001", "First") + Row("a-1000002", "Second") + last;
        var cut = cutFromRowStart > 0 ? text.Length - last.Length + cutFromRowStart : text.Length - last.Length + last.LastIndexOf("\",\"", StringComparison.Ordinal) + 1;
        temp.File("linkedin_job_postings.csv", text[..cut]);
        var r = ReadResult.Of(new LinkedIn2024Source([temp.Path]));

        Assert.Equal(["li:1000001", "li:1000002"], r.Jobs.Select(j => j.Id));
        var cutOff = Assert.Single(r.Report.CutOff);
        Assert.Equal(("linkedin_job_postings.csv", 4L), (cutOff.File, cutOff.Line));
        Assert.StartsWith("the file ends inside this record", cutOff.Reason);
        Assert.Equal(1, r.Report.Rejected);
    }

    [Fact]
    public void A_last_row_without_a_line_break_is_not_cut_off()
    {
        using var temp = new TempFolder();
        temp.File("linkedin_job_postings.csv", Header + Row("a-1000001", "First") + Row("a-1000002", "Second").TrimEnd('\n'));
        var r = ReadResult.Of(new LinkedIn2024Source([temp.Path]));

        Assert.Equal(2, r.Jobs.Count);
        Assert.Empty(r.Report.CutOff);
        Assert.Equal(0, r.Report.Rejected);
    }

    [Fact]
    public void Empty_file_is_reported_not_thrown()
    {
        using var temp = new TempFolder();
        temp.File("linkedin_job_postings.csv", "");
        var r = ReadResult.Of(new LinkedIn2024Source([temp.Path]));
        Assert.Empty(r.Jobs);
        Assert.Equal("linkedin_job_postings.csv:1: file is empty (no header row)", r.Report.Issues.Single().ToString());
    }

    [Fact]
    public void Random_bytes_are_reported_as_a_missing_header_not_thrown()
    {
        using var temp = new TempFolder();
        var bytes = new byte[1 << 20];
        new Random(3).NextBytes(bytes);
        temp.File("linkedin_job_postings.csv", bytes);
        var r = ReadResult.Of(new LinkedIn2024Source([temp.Path]));
        Assert.Empty(r.Jobs);
        Assert.Contains(r.Report.Issues, i => i.File == "linkedin_job_postings.csv" && (i.Reason.Contains("missing required column") || i.Reason.Contains("malformed header")));
    }

    [Fact]
    public void Missing_required_columns_are_named()
    {
        using var temp = new TempFolder();
        temp.File("linkedin_job_postings.csv", "job_link,company\nhttps://x/1234567,Acme\n");
        var r = ReadResult.Of(new LinkedIn2024Source([temp.Path]));
        Assert.Empty(r.Jobs);
        Assert.StartsWith("linkedin_job_postings.csv:1: missing required column(s) job_title", r.Report.Issues.Single().ToString());
    }
}

public class OtherReaderBadInputTests
{
    [Fact]
    public void Onet_rejects_rows_with_a_bad_code_and_keeps_the_rest()
    {
        using var temp = new TempFolder();
        temp.File("Occupation Data.txt", "O*NET-SOC Code\tTitle\tDescription\n15-1252.00\tSoftware Developers\tBuild software.\n15-12X\tBroken\tx\n29-1141.00\tRegistered Nurses\tCare.\n");
        var r = ReadResult.Of(new JobRec.Data.Readers.Onet.OnetSource([temp.Path]));
        Assert.Equal(["15-1252.00", "29-1141.00"], r.Occupations.Select(o => o.Code));
        Assert.Equal("Occupation Data.txt:3: '15-12X' is not an O*NET-SOC code (NN-NNNN.NN)", r.Report.Issues.Single().ToString());
    }

    [Fact]
    public void JobViews_rejects_a_view_without_a_date()
    {
        using var temp = new TempFolder();
        temp.File("Job_Views.csv", "Applicant.ID,Job.ID,Title,Position,Company,City,State.Name,State.Code,Industry,View.Start,View.End,View.Duration,Created.At,Updated.At\n"
            + "1,10,T @ C,T,C,Austin,Texas,TX,NA,2014-12-12 20:08:50 UTC,,,,\n"
            + "1,11,T @ C,T,C,Austin,Texas,TX,NA,yesterday,,,,\n");
        var r = ReadResult.Of(new JobRec.Data.Readers.JobViews.JobViewsSource([temp.Path]));
        Assert.Single(r.Interactions);
        Assert.Equal("Job_Views.csv:3: View.Start 'yesterday' is not a date", r.Report.Issues.Single().ToString());
    }

    [Fact]
    public void CareerBuilder_reports_missing_columns_by_name()
    {
        using var temp = new TempFolder();
        temp.File("apps.tsv", "UserID\tWindowID\tSplit\tJobID\n1\t1\tTrain\t2\n");
        var r = ReadResult.Of(new JobRec.Data.Readers.CareerBuilder.CareerBuilderSource([temp.Path]));
        Assert.Empty(r.Interactions);
        Assert.StartsWith("apps.tsv:1: missing required column(s) ApplicationDate", r.Report.Issues.Single().ToString());
    }
}
