using JobRec.Data.Export;
using JobRec.Data.Import;
using JobRec.Data.Model;
using JobRec.Data.Parquet.Tables;
using JobRec.Data.Readers.JobRecCsv;
using JobRec.Data.Tests.Parquet;
using JobRec.Data.Tests.Readers;
using Microsoft.Data.Sqlite;

namespace JobRec.Data.Tests.Export;

/// <summary><c>jobrec export</c>: the embedded stores' jobs, users and interactions leave as Parquet (read back by Parquet.Net) or CSV.</summary>
public sealed class StoreExportTests
{
    // Grain state as the silo stores it: System.Text.Json of JobState/UserState (property names as declared), one row per grain.
    private const string JobJson = """
        {"Posting":{"Title":"Data Scientist","Company":"Acme","Location":"Austin, TX","Region":"TX","Description":"Models, \"quotes\", commas, 日本語",
         "Skills":["Python","SQL"],"Remote":true,"Level":"mid-senior","EmploymentType":"full-time","OnetCode":"","PostedAt":"2024-03-01T10:00:00+02:00","ClosesAt":null,"Source":"api"},
         "Embedding":"AAAAAA==","OnetCode":"15-2051.00","OnetTitle":"Data Scientists","OnetClassified":true,"Closed":false,"Views":3,"Saves":1,"Applies":0,"CoInteractions":{"j2":1}}
        """;

    private const string UserJson = """
        {"Profile":{"ResumeText":"Ten years of SQL","Location":"Boston, MA","Region":"MA","Skills":["SQL"],"DesiredTitles":["Analyst"],"WantsRemote":true,"OnlyLocalOrRemote":false,"Source":"api"},
         "Embedding":null,"Interactions":[{"JobId":"j1","Kind":0,"Time":"2024-03-02T08:00:00+00:00"},{"JobId":"j1","Kind":2,"Time":"2024-03-02T09:30:00+00:00"}],
         "InteractionCount":2,"Version":4}
        """;

    [Fact]
    public void Grain_state_exports_as_Parquet_that_ParquetNet_reads()
    {
        using var temp = new TempFolder();
        string db = Path.Combine(temp.Path, "grain-state.db");
        CreateGrainState(db,
            ("JobRec.Grains.Jobs.JobGrain/j1", JobJson),
            ("JobRec.Grains.Users.UserGrain/u1", UserJson),
            ("JobRec.Grains.Catalog.CatalogGrain/all", """{"JobIds":["j1"]}"""),
            ("jobgrain/j-empty", """{"Posting":null,"Views":0}"""),
            ("other/binary", "not json"));
        string folder = Path.Combine(temp.Path, "out");
        using (var store = EmbeddedStore.Open(db))
        {
            Assert.Equal("grain-state", store.Kind);
            Assert.Equal(new ExportResult(1, 1, 2), StoreExporter.Export(store, folder, "parquet"));
        }

        var job = Assert.Single(ParquetTables.ReadJobs(Path.Combine(folder, "jobs.parquet")));
        Assert.Equal(("j1", "Data Scientist", "Acme", "15-2051.00", true), (job.Id, job.Title, job.Company, job.OnetCode, job.Remote));
        Assert.Equal(["Python", "SQL"], job.Skills);
        Assert.Equal(new DateTimeOffset(2024, 3, 1, 8, 0, 0, TimeSpan.Zero), job.PostedAt);
        Assert.Null(job.ClosesAt);

        var independentJob = Assert.Single(IndependentReader.ReadRows(Path.Combine(folder, "jobs.parquet")));
        Assert.Equal("Models, \"quotes\", commas, 日本語", IndependentReader.Get(independentJob, "description"));
        var users = IndependentReader.ReadRows(Path.Combine(folder, "users.parquet"));
        Assert.Equal("u1", IndependentReader.Get(Assert.Single(users), "id"));
        var interactions = IndependentReader.ReadRows(Path.Combine(folder, "interactions.parquet"));
        Assert.Equal(["view", "apply"], interactions.Select(r => (string)IndependentReader.Get(r, "kind")!));
        Assert.Equal(new DateTime(2024, 3, 2, 9, 30, 0), (DateTime)IndependentReader.Get(interactions[1], "time")!);
    }

    [Fact]
    public async Task Ingest_store_exports_as_csv_in_the_project_layout()
    {
        using var temp = new TempFolder();
        string db = Path.Combine(temp.Path, "ingest.db");
        var start = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        using (var sink = new SqliteIngestSink(db))
        {
            await sink.UpsertJobsAsync([new JobPosting("j1", "Nurse", "Clinic", "Austin, TX", "Night shifts, \"ICU\"") { Skills = ["BLS", "ACLS"] }, new JobPosting("j2", "Driver", "Fleet", "Dallas, TX", "CDL")]);
            await sink.UpsertUsersAsync([new UserProfile("u1", "RN for 5 years", "Austin, TX") { Skills = ["BLS"] }]);
            await sink.AddInteractionsAsync([new Interaction("u1", "j1", InteractionKind.Apply, start), new Interaction("u1", "j2", InteractionKind.View, start.AddHours(1))]);
            await sink.FlushAsync();
        }

        string folder = Path.Combine(temp.Path, "csv");
        using (var store = EmbeddedStore.Open(db))
        {
            Assert.Equal("ingest", store.Kind);
            Assert.Equal(new ExportResult(2, 1, 2), StoreExporter.Export(store, folder, "csv"));
        }

        var r = ReadResult.Of(new JobRecCsvSource([folder]));
        Assert.Empty(r.Report.Issues);
        Assert.Equal(["j1", "j2"], r.Jobs.Select(j => j.Id));
        Assert.Equal("Night shifts, \"ICU\"", r.Jobs[0].Description);
        Assert.Equal(["BLS", "ACLS"], r.Jobs[0].Skills);
        Assert.Equal([("u1", "j1", InteractionKind.Apply, start), ("u1", "j2", InteractionKind.View, start.AddHours(1))], r.Interactions.Select(i => (i.UserId, i.JobId, i.Kind, i.Time)));
    }

    [Fact]
    public void Store_of_another_shape_is_a_clear_error()
    {
        using var temp = new TempFolder();
        string db = Path.Combine(temp.Path, "other.db");
        using (var c = new SqliteConnection($"Data Source={db};Pooling=False"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "CREATE TABLE notes (x TEXT);";
            cmd.ExecuteNonQuery();
        }

        var e = Assert.Throws<InvalidDataException>(() => EmbeddedStore.Open(db));
        Assert.Contains("notes", e.Message);
        File.WriteAllBytes(Path.Combine(temp.Path, "junk.db"), new byte[4096]);
        Assert.Throws<InvalidDataException>(() => EmbeddedStore.Open(Path.Combine(temp.Path, "junk.db")));
        Assert.Throws<FileNotFoundException>(() => EmbeddedStore.Open(Path.Combine(temp.Path, "absent.db")));
    }

    private static void CreateGrainState(string path, params (string GrainId, string Json)[] rows)
    {
        using var c = new SqliteConnection($"Data Source={path};Pooling=False");
        c.Open();
        using (var create = c.CreateCommand())
        {
            create.CommandText = "CREATE TABLE grain_state (grain_id TEXT NOT NULL, state_name TEXT NOT NULL, etag INTEGER NOT NULL, epoch INTEGER NOT NULL, data BLOB NOT NULL, PRIMARY KEY (grain_id, state_name));";
            create.ExecuteNonQuery();
        }

        foreach (var (grainId, json) in rows)
        {
            using var insert = c.CreateCommand();
            insert.CommandText = "INSERT INTO grain_state VALUES ($g, 'state', 1, 0, $d);";
            insert.Parameters.AddWithValue("$g", grainId);
            insert.Parameters.Add("$d", SqliteType.Blob).Value = System.Text.Encoding.UTF8.GetBytes(json);
            insert.ExecuteNonQuery();
        }
    }
}
