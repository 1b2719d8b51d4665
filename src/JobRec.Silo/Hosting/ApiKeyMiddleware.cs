using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.IdentityModel.JsonWebTokens;

namespace JobRec.Silo.Hosting;

/// <summary>Who may call which API route, once an API key or user tokens are configured (with neither, the API is open: loopback
/// development). The page, /health and /openapi stay open. A matching X-Api-Key header is the operator scope: every route. A valid bearer
/// token (<see cref="UserTokenOptions"/>) for user U may call GET/PUT /users/U, POST /users/U/interactions, GET /users/U/recommendations and
/// the catalogue reads (GET /jobs/{id}, GET /jobs/{id}/similar, POST /search, POST /ask): 403 for anything else. No credential, or a
/// wrong one: 401.</summary>
public sealed class ApiKeyMiddleware(RequestDelegate next, ServingHostOptions options)
{
    /// <summary>The header that carries the key.</summary>
    public const string HeaderName = "X-Api-Key";

    /// <summary>Checks the caller's scope, then runs the rest of the pipeline.</summary>
    public async Task InvokeAsync(HttpContext context, IProblemDetailsService problems)
    {
        if ((options.ApiKey is not { Length: > 0 } && options.UserTokens is null) || IsOpen(context.Request.Path) || HasApiKey(context))
        {
            await next(context);
            return;
        }

        if (context.User.Identity?.IsAuthenticated == true && context.User.FindFirst(JwtRegisteredClaimNames.Sub)?.Value is { Length: > 0 } user)
        {
            if (UserMayCall(context.Request.Method, context.Request.Path, user))
            {
                await next(context);
                return;
            }

            await RefuseAsync(context, problems, StatusCodes.Status403Forbidden, "Forbidden",
                "a user token may act only on its own user (/users/{its id}...) and read jobs, search and ask; other routes need the API key");
            return;
        }

        await RefuseAsync(context, problems, StatusCodes.Status401Unauthorized, "Unauthorized",
            $"missing or wrong {HeaderName} header or bearer token");
    }

    /// <summary>Whether a request of user <paramref name="user"/>'s token may call <paramref name="method"/> <paramref name="path"/>.</summary>
    public static bool UserMayCall(string method, PathString path, string user)
    {
        var segments = (path.Value ?? "").Trim('/').Split('/');
        var get = HttpMethods.IsGet(method) || HttpMethods.IsHead(method);
        return segments switch
        {
            ["users", var id] => id == user && (get || HttpMethods.IsPut(method)),
            ["users", var id, "interactions"] => id == user && HttpMethods.IsPost(method),
            ["users", var id, "recommendations"] => id == user && get,
            ["jobs", _] or ["jobs", _, "similar"] => get,
            ["search"] or ["ask"] => HttpMethods.IsPost(method),
            _ => false,
        };
    }

    private bool HasApiKey(HttpContext context) =>
        options.ApiKey is { Length: > 0 } key
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(context.Request.Headers[HeaderName].ToString()), Encoding.UTF8.GetBytes(key));

    private static async Task RefuseAsync(HttpContext context, IProblemDetailsService problems, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }

    private static bool IsOpen(PathString path) =>
        path == "/" || path.StartsWithSegments("/health") || path.StartsWithSegments("/openapi") || path.StartsWithSegments("/app.js") || path.StartsWithSegments("/app.css");
}
