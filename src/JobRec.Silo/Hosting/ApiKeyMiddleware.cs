using Microsoft.AspNetCore.Mvc;

namespace JobRec.Silo.Hosting;

/// <summary>When an API key is configured, answers 401 to API calls without a matching X-Api-Key header; the page, /health and /openapi stay open.</summary>
public sealed class ApiKeyMiddleware(RequestDelegate next, ServingHostOptions options)
{
    /// <summary>The header that carries the key.</summary>
    public const string HeaderName = "X-Api-Key";

    /// <summary>Checks the key, then runs the rest of the pipeline.</summary>
    public async Task InvokeAsync(HttpContext context, IProblemDetailsService problems)
    {
        if (options.ApiKey is { Length: > 0 } key && !IsOpen(context.Request.Path)
            && !System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.UTF8.GetBytes(context.Request.Headers[HeaderName].ToString()), System.Text.Encoding.UTF8.GetBytes(key)))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new ProblemDetails { Status = 401, Title = "Unauthorized", Detail = $"missing or wrong {HeaderName} header" },
            });
            return;
        }

        await next(context);
    }

    private static bool IsOpen(PathString path) =>
        path == "/" || path.StartsWithSegments("/health") || path.StartsWithSegments("/openapi") || path.StartsWithSegments("/app.js") || path.StartsWithSegments("/app.css");
}
