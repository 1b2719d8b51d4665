using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using JobRec.Data.Import;
using JobRec.Data.Reading;
using JobRec.ML.Skills;

namespace JobRec.Cli.Commands;

/// <summary><c>jobrec bench skills-import</c>: postings/s of the engine's skill extraction at import (what the inference pool does per posting:
/// tag the first characters of title and description, link the spans to ESCO), on real postings.</summary>
internal static class SkillImportBenchmark
{
    private static string SharedData => Environment.GetEnvironmentVariable("JOBREC_SHARED_DATA") ?? Path.Combine("..", "shared", "data");

    /// <summary>The command.</summary>
    public static Command Command()
    {
        var source = new Option<string>("--source") { Description = "Reader of --data (see jobrec ingest)", DefaultValueFactory = _ => "dice" };
        var data = new Option<string>("--data") { Description = "Postings file or folder", DefaultValueFactory = _ => Path.Combine(SharedData, "dice_jobs_2016", "dice_title_description_skills.csv") };
        var count = new Option<int>("--postings") { Description = "Postings with a description to extract from", DefaultValueFactory = _ => 200 }.AtLeast(1);
        var characters = new Option<int>("--characters") { Description = "Characters read per posting (the silo's JOBREC_SKILL_IMPORT_CHARS)", DefaultValueFactory = _ => 2_000 }.AtLeast(1);
        var model = new Option<string?>("--model") { Description = "Tagger model (default $JOBREC_CACHE/models/skill-tagger-minilm.jrst; 'none': dictionary)" };
        var labels = new Option<string?>("--labels") { Description = "ESCO skill labels to link spans to ('none': dictionary names)", DefaultValueFactory = _ => Path.Combine(SharedData, "decorte_esco_skill_benchmark", "skills_en_label.txt") };
        var threads = new Option<int>("--encoder-threads") { Description = "Threads of one ONNX encoder call (0: one per processor)", DefaultValueFactory = _ => 0 }.AtLeast(0);
        var command = new Command("skills-import", "Skill extraction at import: postings/s of tagging + ESCO linking on real postings");
        foreach (var o in new Option[] { source, data, count, characters, model, labels, threads }) command.Options.Add(o);
        command.SetAction(parseResult =>
        {
            int n = parseResult.GetValue(count), limit = parseResult.GetValue(characters);
            var labelPath = parseResult.GetValue(labels) is { } l && l != "none" ? l : null;
            using var extractor = parseResult.GetValue(model) == "none"
                ? SkillExtractor.Dictionary("--model none")
                : SkillExtractorLoader.Load(parseResult.GetValue(model), labelPath, parseResult.GetValue(threads), line => Console.Error.WriteLine(line));
            var postings = DataSources.Create(parseResult.GetValue(source)!, [parseResult.GetValue(data)!]).Read(new ReadReport())
                .Select(i => i.Job).OfType<JobRec.Data.Model.JobPosting>().Where(j => j.Description.Length > 0).Take(n)
                .Select(j => j.Title + "\n" + j.Description).ToList();
            extractor.Extract(postings.Take(4).ToList(), limit); // warm-up (and the first links)
            var watch = Stopwatch.StartNew();
            long skills = 0, spans = 0, read = 0;
            // Calls as the ingest sink makes them: about 8,000 characters each.
            foreach (var call in Chunks(postings, limit))
            {
                foreach (var r in extractor.Extract(call, limit)) { skills += r.Skills.Count; spans += r.Spans.Count; read += r.CharactersRead; }
            }
            var seconds = watch.Elapsed.TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"bench skills-import: model={extractor.Model} esco_labels={extractor.EscoLabels} postings={postings.Count} characters={limit} chars_read={read} seconds={seconds:F1} postings_per_s={postings.Count / seconds:F2} spans_per_posting={(double)spans / postings.Count:F1} skills_per_posting={(double)skills / postings.Count:F1}"));
            return 0;
        });
        return command;
    }

    private static IEnumerable<List<string?>> Chunks(List<string> texts, int limit)
    {
        var chunk = new List<string?>();
        var size = 0;
        foreach (var text in texts)
        {
            var n = Math.Min(text.Length, limit);
            if (chunk.Count > 0 && size + n > 8_000) { yield return chunk; chunk = []; size = 0; }
            chunk.Add(text);
            size += n;
        }
        if (chunk.Count > 0) yield return chunk;
    }
}
