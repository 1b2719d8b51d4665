using System.Net.Http.Json;
using JobRec.Contracts.Interactions;
using JobRec.Contracts.Jobs;
using JobRec.Contracts.Search;
using JobRec.Contracts.Users;

namespace JobRec.LoadTest.Targets;

/// <summary>Calls the silo's HTTP API (GET /users/{id}/recommendations, POST /search, POST /users/{id}/interactions, PUT /jobs/{id}, POST /jobs/{id}/close, PUT /users/{id}); non-success status codes throw.</summary>
public sealed class HttpJobRecTarget : IJobRecTarget
{
    private readonly HttpClient _http;

    /// <summary>Creates a target for the API at <paramref name="baseAddress"/>, refusing non-loopback hosts unless <paramref name="allowRemote"/>.</summary>
    public HttpJobRecTarget(Uri baseAddress, bool allowRemote)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        TargetAddress.EnsureAllowed(baseAddress.Host, allowRemote);
        _http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(30),
            DefaultRequestHeaders = { { "X-JobRec-Request", "1" } }, // marks the body-less close as intended (CrossSiteRequestGuard)
        };
    }

    /// <inheritdoc/>
    public string Description => $"http {_http.BaseAddress}";

    /// <inheritdoc/>
    public async Task RecommendAsync(string userId, int k, CancellationToken cancellationToken) =>
        await Ensure(await _http.GetAsync(new Uri($"users/{Uri.EscapeDataString(userId)}/recommendations?k={k}", UriKind.Relative), cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

    /// <inheritdoc/>
    public async Task SearchAsync(string query, int k, CancellationToken cancellationToken) =>
        await Ensure(await _http.PostAsJsonAsync("search", new SearchRequest(query, k), cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

    /// <inheritdoc/>
    public async Task RecordInteractionAsync(string userId, InteractionInput interaction, CancellationToken cancellationToken) =>
        await Ensure(await _http.PostAsJsonAsync($"users/{Uri.EscapeDataString(userId)}/interactions", interaction, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

    /// <inheritdoc/>
    public async Task PutJobAsync(string jobId, JobInput job, CancellationToken cancellationToken) =>
        await Ensure(await _http.PutAsJsonAsync($"jobs/{Uri.EscapeDataString(jobId)}", job, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

    /// <inheritdoc/>
    public async Task CloseJobAsync(string jobId, CancellationToken cancellationToken) =>
        await Ensure(await _http.PostAsync(new Uri($"jobs/{Uri.EscapeDataString(jobId)}/close", UriKind.Relative), null, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

    /// <inheritdoc/>
    public async Task PutUserAsync(string userId, UserInput profile, CancellationToken cancellationToken) =>
        await Ensure(await _http.PutAsJsonAsync($"users/{Uri.EscapeDataString(userId)}", profile, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        _http.Dispose();
        return ValueTask.CompletedTask;
    }

    private static async Task Ensure(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        using (response)
        {
            // Read the body so the measured latency includes the whole response.
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new HttpRequestException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} returned {(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(body.AsSpan(0, Math.Min(200, body.Length)))}", null, response.StatusCode);
            }
        }
    }
}
