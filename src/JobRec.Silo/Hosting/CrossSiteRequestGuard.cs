using Microsoft.AspNetCore.Mvc;

namespace JobRec.Silo.Hosting;

/// <summary>
/// Refuses state-changing requests (POST, PUT, PATCH, DELETE) a cross-site page could make a browser send: they must carry a JSON
/// body (<c>Content-Type: application/json</c>) or the <see cref="HeaderName"/> header, neither of which a cross-site form or
/// simple request can set without a CORS preflight this server never grants; and a request the browser marks
/// <c>Sec-Fetch-Site: cross-site</c> is refused whatever it carries. Answers 403 with a problem body naming the rule.
/// </summary>
public sealed class CrossSiteRequestGuard(RequestDelegate next)
{
    /// <summary>The header that marks a state-changing request without a JSON body as intended (the page and clients send it).</summary>
    public const string HeaderName = "X-JobRec-Request";

    /// <summary>Checks the request, then runs the rest of the pipeline.</summary>
    public async Task InvokeAsync(HttpContext context, IProblemDetailsService problems)
    {
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method))
        {
            await next(context);
            return;
        }

        string? refusal = null;
        if (string.Equals(request.Headers["Sec-Fetch-Site"].ToString(), "cross-site", StringComparison.OrdinalIgnoreCase))
        {
            refusal = "cross-site requests may not change state";
        }
        else if (!IsJson(request.ContentType) && !request.Headers.ContainsKey(HeaderName))
        {
            refusal = $"a {request.Method} request needs a JSON body (Content-Type: application/json) or the {HeaderName} header";
        }

        if (refusal is null)
        {
            await next(context);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = 403, Title = "Forbidden", Detail = refusal },
        });
    }

    private static bool IsJson(string? contentType) =>
        contentType is not null && contentType.Split(';')[0].Trim().Equals("application/json", StringComparison.OrdinalIgnoreCase);
}
