using System.CommandLine;
using JobRec.Silo.Hosting;

namespace JobRec.Cli.Commands;

/// <summary><c>jobrec user-token</c>: mints a per-user bearer token for the HTTP API with the signing key in JOBREC_USER_TOKEN_KEY.</summary>
internal static class SecurityCommands
{
    /// <summary>Adds user-token under <paramref name="root"/>.</summary>
    public static void Register(RootCommand root, Command bench, Command evaluate)
    {
        var user = new Option<string>("--user") { Description = "The user id the token may act on", Required = true };
        var hours = new Option<double>("--hours") { Description = "Lifetime in hours (at most 8784, a leap year)", DefaultValueFactory = _ => 24 }.Positive().Within(0, 24 * 366);
        var command = new Command("user-token", "Print a bearer token for one user of the HTTP API (signing key: JOBREC_USER_TOKEN_KEY, the serving silo's key)");
        command.Options.Add(user);
        command.Options.Add(hours);
        command.SetAction(parseResult =>
        {
            var tokens = ClusterSecuritySettings.UserTokens;
            if (tokens is null)
            {
                Console.Error.WriteLine("user-token: set JOBREC_USER_TOKEN_KEY to the serving silo's signing key (at least 32 bytes)");
                return 2;
            }

            var lifetime = parseResult.GetValue(hours);
            try
            {
                Console.WriteLine(tokens.Issue(parseResult.GetValue(user)!, TimeSpan.FromHours(lifetime)));
                return 0;
            }
            catch (ArgumentException e)
            {
                Console.Error.WriteLine($"user-token: {e.Message}");
                return 2;
            }
        });
        root.Subcommands.Add(command);
    }
}
