using JobRec.Contracts;
using Microsoft.AspNetCore.Mvc;

namespace JobRec.Silo.Hosting;

/// <summary>Turns exceptions of API calls into ProblemDetails: 400 naming the field for bad input, 404 for unknown ids, 413 for bodies over the limit, 503 (Retry-After 1) when the silo's request queue is full,
/// 500 with a trace id and no exception detail (type, message, stack) for anything else.</summary>
public sealed class ApiExceptionMiddleware(RequestDelegate next, ILogger<ApiExceptionMiddleware> logger)
{
    /// <summary>Runs the rest of the pipeline and maps its exceptions.</summary>
    public async Task InvokeAsync(HttpContext context, IProblemDetailsService problems)
    {
        try
        {
            await next(context);
        }
        catch (Exception ex) when (!context.Response.HasStarted && Map(ex) is { } problem)
        {
            if (problem.Status == StatusCodes.Status503ServiceUnavailable)
            {
                context.Response.Headers.RetryAfter = "1";
            }
            else if (problem.Status >= 500)
            {
                logger.LogError(ex, "API call {Method} {Path} failed", context.Request.Method, context.Request.Path);
            }

            context.Response.StatusCode = problem.Status ?? 500;
            await problems.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
        }
        catch (Exception ex) when (!context.Response.HasStarted && ex is not OperationCanceledException)
        {
            // Anything else is a fault of the server: logged here with its stack trace; the caller learns only that it failed and the trace id
            // to quote, never the exception's type, message or stack (they may name files, tables or internal state).
            logger.LogError(ex, "API call {Method} {Path} failed (trace id {TraceId})", context.Request.Method, context.Request.Path, context.TraceIdentifier);
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new ProblemDetails
                {
                    Status = StatusCodes.Status500InternalServerError,
                    Title = "Internal error",
                    Detail = $"the server could not complete the request; quote trace id {context.TraceIdentifier} to its operator",
                },
            });
        }
    }

    private static ProblemDetails? Map(Exception ex)
    {
        switch (ex)
        {
            case ServingOverloadedException o:
                return new ProblemDetails { Status = StatusCodes.Status503ServiceUnavailable, Title = "Overloaded", Detail = o.Message };
            case ContractValidationException v:
                return Validation(v.Field, v.Problem, v.Message);
            case KeyNotFoundException k:
                return new ProblemDetails { Status = StatusCodes.Status404NotFound, Title = "Not found", Detail = k.Message };
            case BadHttpRequestException b:
                return new ProblemDetails
                {
                    Status = b.StatusCode,
                    Title = b.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Request body too large" : "Bad request",
                    Detail = b.StatusCode == StatusCodes.Status413PayloadTooLarge
                        ? $"the request body is larger than {ContractLimits.MaxRequestBodyBytes} bytes"
                        : b.InnerException is { } inner ? $"{b.Message} {inner.Message}" : b.Message,
                };
            case ArgumentException a:
                return Validation(a.ParamName ?? "request", a.Message, a.Message);
            default:
                return null;
        }
    }

    private static ValidationProblemDetails Validation(string field, string problem, string detail) =>
        new(new Dictionary<string, string[]> { [field] = [problem] })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "Invalid request",
            Detail = detail,
        };
}
