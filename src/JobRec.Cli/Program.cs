using System.CommandLine;
using JobRec.Cli.Commands;

namespace JobRec.Cli;

/// <summary>Entry point of the <c>jobrec</c> command line: the commands a user of the engine runs. Experiments live in the lab tool
/// (tools/JobRec.Lab, <c>jobrec-lab</c>), which the product does not ship.</summary>
public static class Program
{
    /// <summary>Builds the root command with every sub-command the engine offers.</summary>
    public static RootCommand BuildRoot()
    {
        var root = new RootCommand("jobrec: a job recommendation engine built on virtual actors");
        var bench = new Command("bench", "Benchmarks that print their numbers");
        var evaluate = new Command("evaluate", "Offline evaluation of models");
        root.Subcommands.Add(bench);
        root.Subcommands.Add(evaluate);
        // Each concern registers its commands from its own file under Commands/.
        CommandModules.Register(root, bench, evaluate);
        return root;
    }

    /// <summary>Parses and runs <paramref name="args"/> in this process (no process-wide settings): 0 done, 1 failed, 2 bad usage
    /// (one line per error on standard error, naming the option).</summary>
    public static int Run(params string[] args) => CommandLineRunner.Run(BuildRoot(), "jobrec", args);

    /// <summary>Runs the command line and returns the process exit code.</summary>
    /// <remarks>Ctrl+C and SIGTERM cancel the command and give it 30 s to stop gracefully (a cluster silo deactivates its grains and leaves the Orleans membership table).
    /// Missing or corrupt model files end the command with one line naming the file and the command that restores it (exit code 1).
    /// A command line that does not parse ends with one line per error naming the option (exit code 2).</remarks>
    public static int Main(string[] args)
    {
        // The host binds the cache folder once; libraries read no environment.
        var cache = HostSettings.Read("JOBREC_CACHE");
        JobRec.ML.Text.ModelCache.Configure(cache);
        JobRec.Vectors.Faiss.FaissRuntime.Configure(cache);
        return CommandLineRunner.RunProcess(BuildRoot(), "jobrec", args);
    }
}
