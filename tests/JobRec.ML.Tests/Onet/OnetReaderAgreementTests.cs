using System.Security.Cryptography;
using System.Text;
using JobRec.Data.Readers.Onet;
using JobRec.Data.Reading;
using JobRec.ML.Onet;

namespace JobRec.ML.Tests.Onet;

/// <summary>The O*NET classifier's training (strict lists) and the import (<see cref="OnetSource"/> as a data source) read the same occupations
/// and alternate titles from the real files, and the lists are the ones the former ML-side TSV reader gave (pinned by count and SHA-256, computed
/// independently: split on tabs, trim, skip blank lines and empty titles, file order, duplicates kept).</summary>
public sealed class OnetReaderAgreementTests
{
    private static string OccupationFile => SharedData.File("onet", OnetEvaluation.OccupationFile);

    private static string AlternateTitlesFile => SharedData.File("onet", OnetEvaluation.AlternateTitlesFile);

    [Fact]
    public void Occupations_are_the_pinned_ones_and_the_import_reads_the_same_codes_titles_and_descriptions_in_order()
    {
        var trained = OnetSource.LoadOccupations(OccupationFile);
        Assert.Equal(1016, trained.Count);
        Assert.Equal("8952740213c3132febec513da97d032164babc32960ceae1d3c6d4be2cc7a9d4", Sha256(trained.Select(o => $"{o.Code}\t{o.Title}\t{o.Description}\n")));

        var report = new ReadReport();
        var imported = OnetSource.ReadOccupations(OccupationFile, null, report).ToList();
        Assert.Equal(0, report.Rejected + report.FileProblems);
        Assert.Equal(trained.Select(o => (o.Code, o.Title, o.Description)), imported.Select(o => (o.Code, o.Title, o.Description)));
    }

    [Fact]
    public void Alternate_titles_are_the_pinned_ones_and_the_import_has_the_same_per_occupation_in_file_order()
    {
        var trained = OnetSource.LoadAlternateTitles(AlternateTitlesFile);
        Assert.Equal(45069, trained.Count);
        Assert.Equal("3093f4fe969461484a3b78e591128c202af72102bf2556caffc55aacfb304a1a", Sha256(trained.Select(t => $"{t.Code}\t{t.Title}\n")));

        var report = new ReadReport();
        var imported = OnetSource.ReadOccupations(OccupationFile, AlternateTitlesFile, report).ToList();
        Assert.Equal(0, report.Rejected + report.FileProblems);
        var byCode = trained.GroupBy(t => t.Code).ToDictionary(g => g.Key, g => g.Select(t => t.Title).ToArray());
        Assert.Equal(byCode.Keys.Order(), imported.Where(o => o.AlternateTitles.Count > 0).Select(o => o.Code).Order());
        foreach (var o in imported) Assert.Equal(byCode.GetValueOrDefault(o.Code, []), o.AlternateTitles);
    }

    [Fact]
    public void A_split_written_in_the_alternate_titles_layout_reads_back_unchanged()
    {
        var path = Path.Combine(Path.GetTempPath(), $"onet-split-{Guid.NewGuid():N}.tsv");
        try
        {
            var titles = new[] { new JobRec.Data.Model.TitleLabel("29-1141.00", "ICU\tNurse"), new("29-1141.00", "Charge Nurse"), new("29-1141.00", "Charge Nurse") };
            OnetSource.WriteAlternateTitles(path, titles);
            Assert.Equal([("29-1141.00", "ICU Nurse"), ("29-1141.00", "Charge Nurse"), ("29-1141.00", "Charge Nurse")],
                OnetSource.LoadAlternateTitles(path).Select(t => (t.Code, t.Title)));
        }
        finally { File.Delete(path); }
    }

    private static string Sha256(IEnumerable<string> lines) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Concat(lines))));
}
