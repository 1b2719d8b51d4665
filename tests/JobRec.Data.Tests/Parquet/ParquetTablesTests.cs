using JobRec.Data.Model;
using JobRec.Data.Parquet.Tables;
using JobRec.Data.Parquet.Writing;

namespace JobRec.Data.Tests.Parquet;

/// <summary>The table API writes the engine's own records and reads them back unchanged.</summary>
public sealed class ParquetTablesTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("jobrec-parquet-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Jobs_round_trip()
    {
        var random = new Random(7);
        var jobs = Enumerable.Range(0, 1234).Select(i => RandomJob(random, i)).ToList();
        string path = Path.Combine(_dir, "jobs.parquet");
        Assert.Equal(1234, ParquetTables.WriteJobs(path, jobs, new ParquetWriteOptions { RowGroupSize = 500 }));
        var read = ParquetTables.ReadJobs(path).ToList();
        Assert.Equal(jobs.Count, read.Count);
        for (int i = 0; i < jobs.Count; i++)
        {
            Assert.Equal(jobs[i] with { Skills = [] }, read[i] with { Skills = [] });
            Assert.Equal(jobs[i].Skills, read[i].Skills);
        }
    }

    [Fact]
    public void Users_round_trip()
    {
        var random = new Random(8);
        var users = Enumerable.Range(0, 777).Select(i => new UserProfile($"u{i}", i % 5 == 0 ? "" : $"résumé {i} 🚀 " + new string('y', random.Next(0, 300)), i % 2 == 0 ? "Austin, TX" : "")
        {
            Region = i % 2 == 0 ? "TX" : "",
            PastTitles = Enumerable.Range(0, random.Next(0, 4)).Select(k => $"title {k}").ToList(),
            DesiredTitles = i % 3 == 0 ? [] : ["Data Scientist"],
            Skills = Enumerable.Range(0, random.Next(0, 6)).Select(k => $"skill-{random.Next(50)}").ToList(),
            YearsExperience = i % 4 == 0 ? null : random.NextDouble() * 30,
            WantsRemote = i % 2 == 1,
            Source = "synthetic",
        }).ToList();
        string path = Path.Combine(_dir, "users.parquet");
        ParquetTables.WriteUsers(path, users, new ParquetWriteOptions { RowGroupSize = 300 });
        var read = ParquetTables.ReadUsers(path).ToList();
        Assert.Equal(users.Count, read.Count);
        for (int i = 0; i < users.Count; i++)
        {
            Assert.Equal(users[i] with { PastTitles = [], DesiredTitles = [], Skills = [] }, read[i] with { PastTitles = [], DesiredTitles = [], Skills = [] });
            Assert.Equal(users[i].PastTitles, read[i].PastTitles);
            Assert.Equal(users[i].DesiredTitles, read[i].DesiredTitles);
            Assert.Equal(users[i].Skills, read[i].Skills);
        }
    }

    [Fact]
    public void Interactions_round_trip()
    {
        var start = new DateTimeOffset(2015, 3, 1, 8, 0, 0, TimeSpan.Zero);
        var interactions = Enumerable.Range(0, 5000)
            .Select(i => new Interaction($"u{i % 97}", $"li:{i % 1013}", (InteractionKind)(i % 3), start.AddSeconds(i * 37.5)))
            .ToList();
        string path = Path.Combine(_dir, "interactions.parquet");
        ParquetTables.WriteInteractions(path, interactions);
        Assert.Equal(interactions, ParquetTables.ReadInteractions(path).ToList());
    }

    [Fact]
    public void Embeddings_round_trip_and_check_their_dimension()
    {
        var random = new Random(9);
        var embeddings = Enumerable.Range(0, 300).Select(i => new JobEmbedding($"li:{i}", Enumerable.Range(0, 64).Select(_ => (float)random.NextDouble()).ToArray())).ToList();
        string path = Path.Combine(_dir, "embeddings.parquet");
        using (var file = File.Create(path))
        {
            ParquetTables.WriteEmbeddings(file, embeddings, 64);
        }

        var read = ParquetTables.ReadEmbeddings(path).ToList();
        Assert.Equal(embeddings.Select(e => e.Id), read.Select(e => e.Id));
        Assert.All(embeddings.Zip(read), p => Assert.Equal(p.First.Vector, p.Second.Vector));
        using var reader = JobRec.Data.Parquet.Reading.ParquetFileReader.Open(path);
        Assert.Equal("64", reader.Metadata["jobrec.embedding.dimension"]);
        var e = Assert.Throws<ArgumentException>(() => ParquetTables.WriteEmbeddings(new MemoryStream(), [new JobEmbedding("x", new float[3])], 64));
        Assert.Contains("'x'", e.Message);
    }

    [Fact]
    public void Reading_a_foreign_table_names_the_missing_column()
    {
        var e = Assert.Throws<JobRec.Data.Parquet.ParquetFormatException>(() => ParquetTables.ReadJobs(ParquetTestData.File("alltypes_plain.parquet")).ToList());
        Assert.Contains("'title'", e.Message);
    }

    [Fact]
    public void Corrupt_table_fails_with_the_columns_own_error()
    {
        string path = Path.Combine(_dir, "corrupt.parquet");
        var jobs = Enumerable.Range(0, 300).Select(i => RandomJob(new Random(i), i)).ToList();
        ParquetTables.WriteJobs(path, jobs, new ParquetWriteOptions { RowGroupSize = 100, Codec = ParquetCodec.Uncompressed });
        byte[] bytes = File.ReadAllBytes(path);

        // Flip a byte inside row 150's description (uncompressed, so its text is in the file): the page checksum catches it.
        byte[] text = System.Text.Encoding.UTF8.GetBytes(jobs[150].Description);
        int at = bytes.AsSpan().IndexOf(text.AsSpan(0, Math.Min(40, text.Length)));
        Assert.True(at > 0);
        bytes[at + 5] ^= 0x20;
        File.WriteAllBytes(path, bytes);
        var e = Assert.Throws<JobRec.Data.Parquet.ParquetFormatException>(() => ParquetTables.ReadJobs(path).ToList());
        Assert.Contains("column description of row group 1", e.Message);
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void Jobs_table_reads_back_through_ParquetNet()
    {
        var random = new Random(17);
        var jobs = Enumerable.Range(0, 400).Select(i => RandomJob(random, i)).ToList();
        string path = Path.Combine(_dir, "jobs-independent.parquet");
        ParquetTables.WriteJobs(path, jobs, new ParquetWriteOptions { RowGroupSize = 150 });
        var rows = IndependentReader.ReadRows(path);
        Assert.Equal(jobs.Count, rows.Count);
        for (int i = 0; i < jobs.Count; i++)
        {
            var j = jobs[i];
            var r = rows[i];
            Assert.Equal(j.Id, IndependentReader.Get(r, "id"));
            Assert.Equal(j.Description, IndependentReader.Get(r, "description"));
            Assert.Equal(IndependentReader.CanonListLoosely(j.Skills), IndependentReader.CanonListLoosely(IndependentReader.Get(r, "skills")));
            Assert.Equal(j.Remote, IndependentReader.Get(r, "remote"));
            Assert.Equal(IndependentReader.Canon(j.SalaryMin), IndependentReader.Canon(IndependentReader.Get(r, "salary_min")));
            Assert.Equal(IndependentReader.Canon(j.SalaryMax), IndependentReader.Canon(IndependentReader.Get(r, "salary_max")));
            Assert.Equal(IndependentReader.Canon(j.PostedAt), IndependentReader.Canon(IndependentReader.Get(r, "posted_at")));
            Assert.Equal(IndependentReader.Canon(j.ClosesAt), IndependentReader.Canon(IndependentReader.Get(r, "closes_at")));
        }
    }

    [Fact]
    public void Table_with_extra_columns_reads_only_its_own()
    {
        // A foreign file with the jobs columns among others (alltypes has none of them beyond what we map): projection by name.
        string path = Path.Combine(_dir, "extra.parquet");
        using (var file = File.Create(path))
        using (var writer = new ParquetTableWriter(file))
        {
            var extra = writer.Column<double>("score");
            var title = writer.Column<string>("title");
            var id = writer.Column<string>("id");
            for (int i = 0; i < 10; i++)
            {
                extra.Add(i);
                title.Add($"t{i}");
                id.Add($"j{i}");
                writer.EndRow();
            }

            writer.Finish();
        }

        var read = ParquetTables.ReadJobs(path).ToList();
        Assert.Equal(Enumerable.Range(0, 10).Select(i => ($"j{i}", $"t{i}", "")), read.Select(j => (j.Id, j.Title, j.Company)));
    }

    internal static JobPosting RandomJob(Random random, int i) => new(
        $"li:{i}",
        i % 7 == 0 ? "Data Scientist" : $"Engineer {random.Next(100)}",
        i % 11 == 0 ? "" : $"Company {random.Next(30)} ÄÖÜ",
        "Austin, TX",
        string.Join(' ', Enumerable.Range(0, random.Next(0, 60)).Select(_ => $"word{random.Next(500)}")) + (i % 13 == 0 ? " 日本語 🚀" : ""))
    {
        Region = i % 3 == 0 ? "" : "TX",
        Skills = Enumerable.Range(0, random.Next(0, 5)).Select(k => $"skill {random.Next(40)}").ToList(),
        Level = i % 2 == 0 ? "mid-senior" : "",
        EmploymentType = "full-time",
        Remote = i % 4 == 0,
        SalaryMin = i % 3 == 0 ? null : random.Next(30_000, 90_000) + 0.5m,
        SalaryMax = i % 3 == 0 ? null : 9_999_999_999.9999m,
        OnetCode = "15-1252.00",
        PostedAt = i % 5 == 0 ? null : new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(random.Next(500_000)),
        ClosesAt = i % 2 == 0 ? null : new DateTimeOffset(2024, 6, 1, 12, 30, 15, 123, TimeSpan.Zero),
        Source = "synthetic",
    };
}
