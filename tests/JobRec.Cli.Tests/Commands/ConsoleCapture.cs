namespace JobRec.Cli.Tests.Commands;

/// <summary>Runs an in-process command line and captures its exit code, standard output and standard error.</summary>
internal static class ConsoleCapture
{
    public static (int Code, string Output, string Error) Run(Func<int> run)
    {
        // The test assemblies run their tests one at a time (AssemblyInfo), so swapping the console's writers is safe here.
        var output = new StringWriter();
        var error = new StringWriter();
        var (oldOut, oldError) = (Console.Out, Console.Error);
        Console.SetOut(output);
        Console.SetError(error);
        try
        {
            var code = run();
            return (code, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldError);
        }
    }
}
