using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using JobRec.Contracts;
using JobRec.Contracts.Operations;
using JobRec.Grains.Hosting;
using JobRec.Silo.Apis;
using JobRec.Silo.Hosting;
using OpenTelemetry.Metrics;
using Orleans.Dashboard;

namespace JobRec.Silo.Extensions;

/// <summary>The one place where a serving silo is composed: Orleans silo, serving grains, HTTP API, OpenAPI, page, dashboard, /metrics.</summary>
public static class ServingHost
{
    /// <summary>The meter the Orleans runtime publishes its metrics on.</summary>
    public const string OrleansMeter = "Microsoft.Orleans";

    /// <summary>How often the dashboard samples the runtime's counters, in milliseconds.</summary>
    public const int DashboardCounterIntervalMs = 5_000;

    /// <summary>Builds (does not start) a web application hosting the silo (<see cref="JobRecSiloBuilderExtensions.AddJobRecSilo"/> through
    /// <c>UseOrleans</c>), the API and the page per <paramref name="options"/>.</summary>
    public static WebApplication Build(ServingHostOptions options, string[]? args = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        Directory.CreateDirectory(options.DataDirectory);
        var serving = options.Serving.IndexDirectory is null
            ? options.Serving with { IndexDirectory = options.InMemoryState ? null : Path.Combine(options.DataDirectory, "index") }
            : options.Serving;
        var builder = WebApplication.CreateSlimBuilder(args ?? []);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo =>
        {
            silo.AddJobRecSilo(options, serving);
            if (options.Dashboard)
            {
                // The dashboard samples every Orleans meter on each update (some gauges walk the grain directory cache); every 5 s
                // instead of its default 1 s keeps that off the serving path's CPU.
                silo.AddDashboard(o => o.CounterUpdateIntervalMs = DashboardCounterIntervalMs);
            }
        });
        if (options.Metrics)
        {
            builder.Services.AddOpenTelemetry().WithMetrics(m => m.AddMeter(OrleansMeter).AddPrometheusExporter());
        }

        AddApi(builder, options, serving);
        var app = builder.Build();
        MapApi(app);
        if (options.Dashboard)
        {
            app.MapOrleansDashboard("/dashboard");
        }

        if (options.Metrics)
        {
            app.MapPrometheusScrapingEndpoint("/metrics");
        }

        return app;
    }

    private static void AddApi(WebApplicationBuilder builder, ServingHostOptions options, ServingOptions serving)
    {
        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton(sp => new JobRecOperations(sp.GetRequiredService<IGrainFactory>()));
        services.AddProblemDetails();
        services.AddHostFiltering(o =>
        {
            o.AllowedHosts = [.. options.EffectiveAllowedHosts];
            o.AllowEmptyHosts = false;
            o.IncludeFailureMessage = false;
        });
        services.AddOpenApi("v1");
        if (options.UserTokens is { } tokens)
        {
            services.AddAuthentication(Microsoft.AspNetCore.Authentication.JwtBearer.JwtBearerDefaults.AuthenticationScheme)
                .AddJwtBearer(o =>
                {
                    o.MapInboundClaims = false;
                    o.TokenValidationParameters = tokens.Validation();
                });
        }

        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
            o.SerializerOptions.TypeInfoResolverChain.Add(new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver());
        });
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        var url = options.HttpUrl;
        if (!IPAddress.TryParse(url.Host == "localhost" ? "127.0.0.1" : url.Host, out var address))
        {
            throw new FormatException($"HTTP url '{url}': host must be an IP address (e.g. 127.0.0.1 or 0.0.0.0)");
        }

        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = ContractLimits.MaxRequestBodyBytes;
            k.Limits.MaxConcurrentConnections = 2_000;
            k.Limits.MaxConcurrentUpgradedConnections = 100;
            k.Limits.KeepAliveTimeout = TimeSpan.FromSeconds(60);
            k.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(15);
            k.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
            k.Listen(address, url.Port);
        });
    }

    private static void MapApi(WebApplication app)
    {
        app.UseHostFiltering();
        app.UseMiddleware<ApiExceptionMiddleware>();
        app.UseMiddleware<CrossSiteRequestGuard>();
        if (app.Services.GetRequiredService<ServingHostOptions>().UserTokens is not null)
        {
            app.UseAuthentication();
        }

        app.UseMiddleware<ApiKeyMiddleware>();
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapWebPage();
        app.MapJobsApi();
        app.MapUsersApi();
        app.MapInteractionsApi();
        app.MapRecommendationsApi();
        app.MapSearchApi();
        app.MapAskApi();
        app.MapSkillsApi();
        app.MapClusterApi();
        app.MapModelsApi();
    }
}
