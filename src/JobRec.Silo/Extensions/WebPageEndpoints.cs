using System.Reflection;

namespace JobRec.Silo.Extensions;

/// <summary>Serves the static page (wwwroot files embedded in this assembly; no build step) at /, /app.js and /app.css.</summary>
public static class WebPageEndpoints
{
    private static readonly (string Route, string Resource, string ContentType)[] Files =
    [
        ("/", "wwwroot/index.html", "text/html; charset=utf-8"),
        ("/app.js", "wwwroot/app.js", "text/javascript; charset=utf-8"),
        ("/app.css", "wwwroot/app.css", "text/css; charset=utf-8"),
    ];

    /// <summary>Maps the page's files.</summary>
    public static IEndpointRouteBuilder MapWebPage(this IEndpointRouteBuilder app)
    {
        var assembly = typeof(WebPageEndpoints).Assembly;
        foreach (var (route, resource, type) in Files)
        {
            var bytes = Read(assembly, resource);
            app.MapGet(route, () => Results.Bytes(bytes, type)).ExcludeFromDescription();
        }

        return app;
    }

    private static byte[] Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"embedded page file '{resource}' is missing from {assembly.GetName().Name}");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
