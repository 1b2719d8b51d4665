namespace JobRec.Cli.Tests.Commands;

/// <summary>Options are checked at parse time: a bad value ends the command with exit code 2 and one line naming the option and the value,
/// before any work starts; help shows each default.</summary>
public sealed class OptionValidationTests
{
    public static TheoryData<string[], string> BadCommandLines => new()
    {
        { ["onet", "classify", "--k", "0", "Cook"], "jobrec onet classify: --k 0 must be at least 1" },
        { ["search", "--data", "jobs", "--k", "-3", "nurse"], "jobrec search: --k -3 must be at least 1" },
        { ["bench", "vectors", "--k", "0"], "jobrec bench vectors: --k 0 must be at least 1" },
        { ["onet", "train", "--onet", "onet", "--max-titles", "-1"], "jobrec onet train: --max-titles -1 must be at least 0" },
        { ["generate", "--out", "out", "--format", "xml"], "jobrec generate: --format 'xml': use one of csv, careerbuilder, parquet, linkedin2024" },
        { ["loadtest", "--mode", "burst"], "jobrec loadtest: --mode 'burst': use one of closed, open" },
        { ["ask", "--retrieval", "oracle", "what?"], "jobrec ask: --retrieval 'oracle': use one of semantic, lexical" },
        { ["evaluate", "recommend", "--synthetic", "--cutoffs", "5,x"], "jobrec evaluate recommend: --cutoffs item 2 'x' is not a positive integer" },
        { ["bench", "serve", "--shards", "300"], "jobrec bench serve: --shards 300 must be within 1..256" },
        { ["bench", "cluster", "--silos", "1"], "jobrec bench cluster: --silos 1 must be within 2..16" },
        { ["bench", "cluster-import", "--kill-at", "1.5", "jobs"], "jobrec bench cluster-import: --kill-at 1.5 must be within 0..0.95" },
        { ["bench", "text", "--encoders", "minilm,bert-large"], "jobrec bench text: --encoders 'minilm,bert-large': use some of" },
        { ["bench", "actors", "--seconds", "0"], "jobrec bench actors: --seconds 0 must be at least 1" },
        { ["generate", "--out", "out", "--seed", "-1"], "jobrec generate: --seed -1 must be at least 0" },
        { ["silo", "--url", "not a url"], "jobrec silo: --url 'not a url' is not an absolute http URL" },
        { ["evaluate", "onet", "--onet", "onet", "--encoder-share", "1.5"], "jobrec evaluate onet: --encoder-share 1.5 must be within 0..1" },
        { ["evaluate", "qa", "--size", "huge"], "jobrec evaluate qa: --size 'huge': use one of default, wide, small, tiny" },
        { ["search", "--data", "jobs", "--encoder", "bert", "nurse"], "jobrec search: --encoder: Argument 'bert' not recognized." },
        { ["ingest", "--source", "xml", "a.csv"], "jobrec ingest: --source 'xml': use one of " },
        { ["evaluate", "recommend"], "jobrec evaluate recommend: give --train <views.csv> (Job_Views.csv columns) or --synthetic" },
        { ["train", "recommender"], "jobrec train recommender: give --train <views.csv> (Job_Views.csv columns) or --synthetic" },
        { ["encode", "--golden", "golden.json"], "jobrec encode: unknown option --golden" },
        { ["train", "skills", "--encoder-threads", "-1"], "jobrec train skills: --encoder-threads -1 must be at least 0" },
        { ["evaluate", "skills", "--encoder-threads", "-1"], "jobrec evaluate skills: --encoder-threads -1 must be at least 0" },
        { ["evaluate", "skills", "--fine-tune-layers", "-1"], "jobrec evaluate skills: --fine-tune-layers -1 must be at least 0" },
        { ["evaluate", "skills", "--fine-tune-layers", "7"], "evaluate skills: fine-tuned layers must be 1..6" },
        { ["evaluate", "skills", "--also-encoder", "arctic-xs"], "evaluate skills: --also-encoder needs --fine-tune-layers 0" },
        { ["train", "skills", "--fine-tune-layers", "1", "--stack-learning-rate", "0"], "train skills: stack learning rate must be positive" },
        { ["bench", "skills-import", "--encoder-threads", "-1"], "jobrec bench skills-import: --encoder-threads -1 must be at least 0" },
        { ["bench", "text", "--threads", "-1"], "jobrec bench text: --threads -1 must be at least 0" },
    };

    [Theory]
    [MemberData(nameof(BadCommandLines))]
    public void A_bad_value_exits_2_with_one_line_naming_the_option(string[] args, string expected)
    {
        var result = CliRunner.Run(args);
        Assert.Equal(2, result.Code);
        Assert.Equal("", result.Output);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith(expected, line, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_shows_the_defaults()
    {
        var classify = CliRunner.Run("onet", "classify", "--help");
        Assert.Equal(0, classify.Code);
        Assert.Matches(@"--k <k>\s+Occupations per title \[default: 5\]", classify.Output);

        var generate = CliRunner.Run("generate", "--help");
        Assert.Matches(@"--format <csv\|careerbuilder\|parquet\|linkedin2024>\s+.*\[default: csv\]", generate.Output);
        Assert.Matches(@"--seed <seed>\s+Seed \(same seed, same market\) \[default: 42\]", generate.Output);
    }

    [Fact]
    public void Option_names_have_one_type_everywhere()
    {
        // --seed, --seconds and --k are integers wherever they appear, --dir is always the state folder, --threads always FAISS's threads.
        var types = new Dictionary<string, HashSet<Type>>();
        var descriptions = new Dictionary<string, HashSet<string>>();
        void Visit(System.CommandLine.Command command)
        {
            foreach (var option in command.Options)
            {
                if (!types.TryGetValue(option.Name, out var set)) types[option.Name] = set = [];
                set.Add(option.ValueType);
                if (!descriptions.TryGetValue(option.Name, out var d)) descriptions[option.Name] = d = [];
                d.Add(option.Description ?? "");
            }
            foreach (var sub in command.Subcommands) Visit(sub);
        }
        Visit(JobRec.Cli.Program.BuildRoot());
        foreach (var name in new[] { "--seed", "--seconds", "--k" }) Assert.Equal([typeof(int)], types[name]);
        Assert.Single(descriptions["--dir"]);
        Assert.Single(descriptions["--threads"]);
        Assert.Single(types["--url"]);
    }
}
