using System.CommandLine;

namespace JobRec.Cli.Commands;

/// <summary>The one place where each concern's commands are added to the command tree.</summary>
internal static class CommandModules
{
    /// <summary>Adds every module's commands; <paramref name="bench"/> and <paramref name="evaluate"/> are shared parents.</summary>
    public static void Register(RootCommand root, Command bench, Command evaluate)
    {
        // One line per module, e.g. ActorCommands.Register(root, bench);
        ActorCommands.Register(root, bench, evaluate);
        ParquetCommands.Register(root, bench, evaluate);
        DataCommands.Register(root, bench, evaluate);
        VectorCommands.Register(root, bench, evaluate);
        TextCommands.Register(root, bench, evaluate);
        OnetCommands.Register(root, bench, evaluate);
        RecommendCommands.Register(root, bench, evaluate);
        QaCommands.Register(root, bench, evaluate);
        ServeCommands.Register(root, bench, evaluate);
        LoadTestCommands.Register(root, bench, evaluate);
        ClusterCommands.Register(root, bench, evaluate);
        SkillCommands.Register(root, bench, evaluate);
        ModelCommands.Register(root, bench, evaluate);
        SecurityCommands.Register(root, bench, evaluate);
    }
}
