using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace JobRec.Silo.Tests.Hosting;

/// <summary>Runs one middleware on a request built in memory: whether it passed the request on, the status and the problem body it wrote.</summary>
internal static class PipelineProbe
{
    private static readonly IServiceProvider Services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();

    public static IProblemDetailsService Problems => Services.GetRequiredService<IProblemDetailsService>();

    /// <summary>A request with the method, path, content type and headers given.</summary>
    public static DefaultHttpContext Request(string method, string path, string? contentType = null, params (string Name, string Value)[] headers)
    {
        var context = new DefaultHttpContext { RequestServices = Services };
        context.Request.Method = method;
        context.Request.Path = path;
        context.Request.ContentType = contentType;
        context.Request.Headers.Accept = "application/json";
        foreach (var (name, value) in headers)
        {
            context.Request.Headers[name] = value;
        }

        context.Response.Body = new MemoryStream();
        return context;
    }

    /// <summary>Runs <paramref name="invoke"/> with a next step that records the call; returns whether it ran and the response body.</summary>
    public static async Task<(bool PassedOn, int Status, string Body)> RunAsync(DefaultHttpContext context, Func<RequestDelegate, HttpContext, Task> invoke)
    {
        var passedOn = false;
        await invoke(_ =>
        {
            passedOn = true;
            return Task.CompletedTask;
        }, context);
        context.Response.Body.Position = 0;
        using var reader = new StreamReader(context.Response.Body);
        return (passedOn, context.Response.StatusCode, await reader.ReadToEndAsync());
    }
}
