using System.Net;
using System.Net.Sockets;
using JobRec.Client;
using JobRec.Data.Readers.Arshkon;
using JobRec.Data.Readers.Dice;
using JobRec.Data.Reading;
using JobRec.Grains.Hosting;
using JobRec.Grains.Ingest;
using JobRec.ML.Recommenders;
using JobRec.ML.Skills;
using JobRec.ML.Text.Onnx;
using JobRec.Silo.Extensions;
using JobRec.Silo.Hosting;
using Microsoft.AspNetCore.Builder;
using JobRec.ML.Text;

namespace JobRec.IntegrationTests.Serving;

/// <summary>A serving silo whose skill extractor is a small span tagger trained here (400 SkillSpan sentences, MiniLM token states, a few
/// epochs) linking spans to a subset of the ESCO skill labels; the first postings with descriptions of the Dice and LinkedIn (arshkon) samples
/// are imported through the client SDK's ingest sink.</summary>
public sealed class TaggedServingFixture : IAsyncLifetime
{
    private const int PostingsPerSource = 8;
    private WebApplication? _app;
    private OnnxSentenceEncoder? _encoder;

    public Uri BaseUrl { get; private set; } = null!;
    public HttpClient Http { get; private set; } = null!;
    public JobRecClient Client { get; private set; } = null!;
    public IReadOnlyList<Data.Model.JobPosting> Imported { get; private set; } = [];
    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "jobrec-skills-" + Guid.NewGuid().ToString("N"));

    public async Task InitializeAsync()
    {
        _encoder = OnnxSentenceEncoder.Load(PretrainedEncoderModel.MiniLm, new OnnxEncoderOptions(IntraOpThreads: 2));
        var words = new WordStateEncoder(_encoder);
        var sentences = SkillSpanCorpus.ReadJsonLines(Path.Combine(SharedData.Root, "skillspan", "train.json"))
            .Where(s => s.Skill.Concat(s.Knowledge).Any(t => t != BioTags.O)).Take(400).ToList();
        var vectors = words.Encode(sentences.Select(s => s.Tokens).ToList());
        var data = sentences.Select((s, i) => (s, vectors[i])).ToList();
        var (head, _) = SkillTaggerTrainer.Train(_encoder.Model.Name, words.Dimension, data[..350], data[350..],
            new SkillTaggerOptions(Radius: 1, Hidden: 64, Lstm: 0, Epochs: 6, Patience: 6));
        // A subset of the 13,895 ESCO labels keeps start-up short: the first 600 and every label naming a common technology.
        var all = EscoSkillLinker.ReadLabels(Path.Combine(SharedData.Root, "decorte_esco_skill_benchmark", "skills_en_label.txt"));
        string[] topics = ["python", "java", "sql", "javascript", "linux", "cloud", "database", "software", "network", "security", "project management", "customer"];
        var labels = all.Take(600).Concat(all.Where(l => topics.Any(t => l.Contains(t, StringComparison.OrdinalIgnoreCase)))).Distinct().ToList();
        var extractor = new SkillExtractor(new SkillTagger(words, head), new Data.Skills.SkillVocabulary(), new EscoSkillLinker(_encoder, labels));

        var httpPort = FreePort.Next();
        var gatewayPort = FreePort.Next();
        BaseUrl = new Uri($"http://127.0.0.1:{httpPort}");
        _app = ServingHost.Build(new ServingHostOptions
        {
            DataDirectory = Directory,
            HttpUrl = BaseUrl,
            GatewayPort = gatewayPort,
            InMemoryState = true,
            Dashboard = false,
            Metrics = false,
            Encoder = new HashedTextEncoder(256),
            Skills = extractor,
            OperatorKey = ServingApiFixture.OperatorKey, // the import below goes through the gateway's internal (bulk) methods
            Serving = new ServingOptions { ShardCount = 2, SkillImportCharacters = 1_500, SkillImport = SkillImportMode.Tagger },
        });
        await _app.StartAsync();
        Http = new HttpClient { BaseAddress = BaseUrl };
        Client = await JobRecClient.ConnectAsync($"127.0.0.1:{gatewayPort}", o => o.OperatorKey = ServingApiFixture.OperatorKey);

        var dice = Read(new DiceSource([Path.Combine(SharedData.Root, "dice_jobs_2016", "dice_title_description_skills.csv")]));
        var linkedIn = Read(new ArshkonPostingsSource([Path.Combine(SharedData.Root, "linkedin_arshkon_2024_sample")]));
        Imported = [.. dice, .. linkedIn];
        var sink = new GrainIngestSink(Client.Grains);
        await sink.UpsertJobsAsync(Imported);
    }

    private static List<Data.Model.JobPosting> Read(IDataSource source) =>
        source.Read(new ReadReport()).Select(i => i.Job).OfType<Data.Model.JobPosting>()
            .Where(j => j.Description.Length > 200).Take(PostingsPerSource).ToList();

    public async Task DisposeAsync()
    {
        Http?.Dispose();
        if (Client is not null)
        {
            await Client.DisposeAsync();
        }

        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync(); // disposes the extractor with the silo's services
        }

        _encoder?.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // best effort
        }
    }
}
