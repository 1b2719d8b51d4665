namespace JobRec.Cli.Tests.Commands;

/// <summary>Runs a <c>jobrec</c> (or <c>jobrec-lab</c>) command line in process and captures its exit code, standard output and standard error.</summary>
internal static class CliRunner
{
    public static (int Code, string Output, string Error) Run(params string[] args) => ConsoleCapture.Run(() => JobRec.Cli.Program.Run(args));

    public static (int Code, string Output, string Error) RunLab(params string[] args) => ConsoleCapture.Run(() => JobRec.Lab.Program.Run(args));
}
