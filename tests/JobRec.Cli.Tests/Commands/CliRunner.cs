namespace JobRec.Cli.Tests.Commands;

/// <summary>Runs a <c>jobrec</c> command line in process and captures its exit code, standard output and standard error.</summary>
internal static class CliRunner
{
    public static (int Code, string Output, string Error) Run(params string[] args)
    {
        // The test assembly runs its tests one at a time (AssemblyInfo), so swapping the console's writers is safe here.
        var output = new StringWriter();
        var error = new StringWriter();
        var (oldOut, oldError) = (Console.Out, Console.Error);
        Console.SetOut(output);
        Console.SetError(error);
        try
        {
            var code = JobRec.Cli.Program.BuildRoot().Parse(args).Invoke();
            return (code, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldError);
        }
    }
}
