using Microsoft.AspNetCore.Builder;

namespace JobRec.Cli.Commands;

/// <summary>Runs a built silo host the way every long-running command does: start, serve until cancelled (Ctrl+C), stop.</summary>
internal static class HostLifetime
{
    /// <summary>Starts <paramref name="app"/>, prints <paramref name="banner"/>, waits for <paramref name="cancellationToken"/>, then stops gracefully; returns exit code 0.</summary>
    public static async Task<int> ServeUntilCancelledAsync(WebApplication app, Func<string> banner, CancellationToken cancellationToken)
    {
        await app.StartAsync(cancellationToken);
        Console.WriteLine(banner());
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C
        }

        await app.StopAsync(CancellationToken.None);
        return 0;
    }
}
