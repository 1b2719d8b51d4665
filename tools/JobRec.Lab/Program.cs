using System.CommandLine;
using JobRec.Lab.Commands;

namespace JobRec.Lab;

/// <summary>Entry point of <c>jobrec-lab</c>: experiments on the engine's models (development-split screening, re-ranker and encoder variants,
/// projection-head fine-tuning, encoder reference checks). The product CLI (<c>jobrec</c>) does not ship them; their results feed docs/EVALUATION.md.</summary>
public static class Program
{
    /// <summary>Builds the root command with every experiment.</summary>
    public static RootCommand BuildRoot()
    {
        var root = new RootCommand("jobrec-lab: experiments on JobRec's models (not part of the product; the engine's commands are in jobrec)");
        var evaluate = new Command("evaluate", "Experiments scored on development splits");
        evaluate.Subcommands.Add(OnetDevelopmentCommand.Create());
        evaluate.Subcommands.Add(OnetRerankExperiment.Command());
        evaluate.Subcommands.Add(OnetEncoderExperiment.Command());
        evaluate.Subcommands.Add(OnetVoteEncoderExperiment.Command());
        root.Subcommands.Add(evaluate);
        root.Subcommands.Add(FineTuneCommand.Create());
        root.Subcommands.Add(GoldenEncodeCommand.Create());
        return root;
    }

    /// <summary>Parses and runs <paramref name="args"/> in this process: 0 done, 1 failed, 2 bad usage (one line per error, naming the option).</summary>
    public static int Run(params string[] args) => CommandLineRunner.Run(BuildRoot(), "jobrec-lab", args);

    /// <summary>Runs the command line and returns the process exit code (as <c>jobrec</c>: 2 for a command line that does not parse).</summary>
    public static int Main(string[] args)
    {
        var cache = Environment.GetEnvironmentVariable("JOBREC_CACHE");
        JobRec.ML.Text.ModelCache.Configure(string.IsNullOrWhiteSpace(cache) ? null : cache);
        return CommandLineRunner.RunProcess(BuildRoot(), "jobrec-lab", args);
    }
}
