using System.Text;
using JobRec.Silo.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace JobRec.IntegrationTests.Serving;

/// <summary>The HTTP API's answer to a fault it did not expect: 500 ProblemDetails with a trace id and nothing of the exception.</summary>
public sealed class ApiErrorBodyTests
{
    [Fact]
    public async Task An_unexpected_exception_answers_500_without_type_message_or_stack()
    {
        var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services, TraceIdentifier = "trace-42" };
        context.Response.Body = new MemoryStream();
        context.Request.Headers.Accept = "application/json";
        var middleware = new ApiExceptionMiddleware(
            _ => throw new InvalidOperationException("SQLite file /var/lib/jobrec/grain-state.db is locked"),
            NullLogger<ApiExceptionMiddleware>.Instance);

        await middleware.InvokeAsync(context, services.GetRequiredService<Microsoft.AspNetCore.Http.IProblemDetailsService>());

        Assert.Equal(StatusCodes.Status500InternalServerError, context.Response.StatusCode);
        var body = Encoding.UTF8.GetString(((MemoryStream)context.Response.Body).ToArray());
        Assert.Contains("trace-42", body);
        Assert.Contains("Internal error", body);
        Assert.DoesNotContain("grain-state.db", body);
        Assert.DoesNotContain("InvalidOperationException", body);
        Assert.DoesNotContain(" at ", body);
    }
}
