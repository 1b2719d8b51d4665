namespace JobRec.Cli.Tests.Commands;

/// <summary>The product CLI holds what a user of the engine runs; the experiments are in the lab tool (<c>jobrec-lab</c>) and nowhere in <c>jobrec</c>.</summary>
public sealed class CommandSplitTests
{
    private static readonly string[] UserCommands =
        ["ask", "bench", "demo", "encode", "evaluate", "export", "generate", "ingest", "loadtest", "models", "onet", "parquet", "search", "serve", "silo", "skills", "train", "user-token"];

    private static readonly string[] UserEvaluations = ["esco-skills", "esco-titles", "onet", "qa", "recommend", "skills"];

    /// <summary>Each experiment: its command line in jobrec-lab, and how jobrec refuses it (the word its error names).</summary>
    public static TheoryData<string[], string> LabCommands => new()
    {
        { ["evaluate", "onet-rerank", "--lists", "lists.bin"], "onet-rerank" },
        { ["evaluate", "onet-encoder", "--onet", "onet"], "onet-encoder" },
        { ["evaluate", "onet-development", "--onet", "onet"], "onet-development" },
        { ["evaluate", "onet-development", "--onet", "onet", "--write-lists", "lists.bin"], "onet-development" },
        { ["finetune", "--sources", "onet"], "finetune" },
        { ["encode", "--golden", "golden.json"], "--golden" },
    };

    /// <summary>The research flags of the O*NET evaluation: only the lab's <c>evaluate onet-development</c> takes them.</summary>
    public static TheoryData<string[]> ResearchFlags => new()
    {
        { ["--write-lists", "lists.bin"] },
        { ["--write-predictions", "predictions.tsv"] },
        { ["--soc-groups"] },
        { ["--classifier-seeds", "3"] },
        { ["--development-only"] },
    };

    [Fact]
    public void Jobrec_help_lists_only_the_user_commands()
    {
        var help = CliRunner.Run("--help");
        Assert.Equal(0, help.Code);
        Assert.Equal(UserCommands, CommandsSection(help.Output));

        var evaluate = CliRunner.Run("evaluate", "--help");
        Assert.Equal(0, evaluate.Code);
        Assert.Equal(UserEvaluations, CommandsSection(evaluate.Output));
    }

    [Fact]
    public void A_command_group_alone_prints_its_commands_and_exits_2()
    {
        var bench = CliRunner.Run("bench");
        Assert.Equal(2, bench.Code);
        Assert.Contains("serve", CommandsSection(bench.Output));
        Assert.Equal(UserCommands, CommandsSection(CliRunner.Run().Output));
    }

    [Theory]
    [MemberData(nameof(LabCommands))]
    public void Each_lab_command_is_absent_from_jobrec_and_present_in_the_lab(string[] command, string named)
    {
        var product = CliRunner.Run(command);
        Assert.Equal(2, product.Code);
        Assert.Contains(named, product.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(named, CliRunner.Run("--help").Output, StringComparison.Ordinal);

        var lab = JobRec.Lab.Program.BuildRoot().Parse(command);
        Assert.Empty(lab.Errors);
        Assert.Equal(command.TakeWhile(a => !a.StartsWith('-')).Last(), lab.CommandResult.Command.Name);
    }

    [Theory]
    [MemberData(nameof(ResearchFlags))]
    public void Evaluate_onet_refuses_the_research_flags(string[] flag)
    {
        var result = CliRunner.Run(["evaluate", "onet", "--onet", "onet", .. flag]);
        Assert.Equal(2, result.Code);
        Assert.Contains(flag[0], result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(flag[0], CliRunner.Run("evaluate", "onet", "--help").Output, StringComparison.Ordinal);
    }

    /// <summary>The first word of each line of the help's "Commands:" section, sorted.</summary>
    private static string[] CommandsSection(string help)
    {
        var lines = help.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var start = lines.IndexOf("Commands:");
        Assert.True(start >= 0, help);
        return [.. lines.Skip(start + 1).TakeWhile(l => l.Length > 0).Where(l => l.StartsWith("  ", StringComparison.Ordinal) && l[2] != ' ')
            .Select(l => l.Trim().Split(' ')[0]).Order(StringComparer.Ordinal)];
    }
}
