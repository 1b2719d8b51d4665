using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;

namespace JobRec.Cli.Options;

/// <summary>Parses and runs a command line with the exit codes the tools share: 0 done, 1 failed, 2 bad usage (one line per parse error,
/// naming the option), 130 cancelled.</summary>
internal static class CommandLineRunner
{
    /// <summary>Exit code of a command line that does not parse.</summary>
    public const int UsageExitCode = 2;

    /// <summary>Parses <paramref name="args"/> against <paramref name="root"/>; on parse errors prints each as one line on standard error
    /// (prefixed by <paramref name="tool"/> and the command) and returns <see cref="UsageExitCode"/>, else runs the command. A command
    /// group given alone prints its help and returns <see cref="UsageExitCode"/>.</summary>
    public static int Run(RootCommand root, string tool, string[] args, InvocationConfiguration? configuration = null)
    {
        var parseResult = root.Parse(args);
        var group = parseResult.CommandResult.Command;
        if (group.Action is null && group.Subcommands.Count > 0 && parseResult.Errors.Count == 1 && parseResult.UnmatchedTokens.Count == 0)
        {
            // A command group given without one of its commands ("jobrec", "jobrec bench"): its help lists them.
            root.Parse([.. args, "--help"]).Invoke(configuration ?? new InvocationConfiguration());
            return UsageExitCode;
        }

        if (parseResult.Errors.Count > 0 && parseResult.Action is ParseErrorAction)
        {
            var names = new List<string>();
            for (var result = parseResult.CommandResult; result.Parent is CommandResult parent; result = parent) names.Insert(0, result.Command.Name);
            var command = string.Join(' ', names);
            var prefix = command.Length == 0 ? tool : $"{tool} {command}";
            foreach (var error in parseResult.Errors) Console.Error.WriteLine($"{prefix}: {OneLine(error)} (see {prefix} --help)");
            return UsageExitCode;
        }

        return parseResult.Invoke(configuration ?? new InvocationConfiguration());
    }

    /// <summary>Runs the command line as a process entry point: Ctrl+C and SIGTERM cancel the command and give it 30 s to stop
    /// gracefully; a missing model file ends it with one line naming the file (exit 1); any other exception is printed (exit 1).</summary>
    public static int RunProcess(RootCommand root, string tool, string[] args)
    {
        try
        {
            return Run(root, tool, args, new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(30), EnableDefaultExceptionHandler = false });
        }
        catch (JobRec.ML.Text.ModelNotFoundException e)
        {
            Console.Error.WriteLine($"{tool}: {e.Message}");
            return 1;
        }
        catch (OperationCanceledException)
        {
            return 130;
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"{tool}: unhandled exception: {e}");
            return 1;
        }
    }

    /// <summary>The error's message on one line, led by the option's name when the message does not name it.</summary>
    private static string OneLine(ParseError error)
    {
        var message = string.Join(' ', error.Message.Split(['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        var option = error.SymbolResult switch
        {
            OptionResult o => o.Option.Name,
            ArgumentResult { Parent: OptionResult o } => o.Option.Name,
            _ => null,
        };
        return option is not null && !message.Contains(option, StringComparison.Ordinal) ? $"{option}: {message}" : message;
    }
}
