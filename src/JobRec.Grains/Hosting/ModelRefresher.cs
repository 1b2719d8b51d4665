using JobRec.Grains.Inference;
using JobRec.ML.Models;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace JobRec.Grains.Hosting;

/// <summary>Loads the active models of <see cref="ServingOptions.ModelStore"/> into the silo's <see cref="InferenceModels"/> when the silo
/// starts, then polls the store every <see cref="ServingOptions.ModelPollInterval"/> and swaps in newly activated versions without a restart.
/// A version that fails to load is refused with one line and the slot keeps serving the previous model; it is not retried until another
/// version is activated.</summary>
public sealed class ModelRefresher : IHostedService, IAsyncDisposable
{
    private static readonly string[] ServedSlots = [ModelNames.Recommender, ModelNames.Onet, ModelNames.Qa, ModelNames.Skills];
    private readonly InferenceModels _models;
    private readonly ServingOptions _options;
    private readonly ILogger<ModelRefresher> _logger;
    private readonly Dictionary<string, int> _tried = [];
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;
    private string? _lastStoreError;
    private int _disposed;

    /// <summary>Created by the container with the silo's models and options.</summary>
    public ModelRefresher(InferenceModels models, ServingOptions options, ILogger<ModelRefresher> logger)
    {
        _models = models;
        _options = options;
        _logger = logger;
    }

    /// <summary>Loads every slot whose active version differs from the one last tried; returns how many models were swapped in.
    /// A store that cannot be read is reported once (one line) and retried on the next poll.</summary>
    public async Task<int> RefreshAsync(CancellationToken cancellationToken = default)
    {
        if (_options.ModelStore is not { } store)
        {
            return 0;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            IReadOnlyDictionary<string, int> active;
            try
            {
                active = await store.ActiveVersionsAsync(cancellationToken).ConfigureAwait(false);
                _lastStoreError = null;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                var line = $"models: cannot read {store.Description}: {e.Message.Split('\n')[0]}";
                if (line != _lastStoreError)
                {
                    Report(LogLevel.Warning, line);
                    _lastStoreError = line;
                }

                return 0;
            }

            var swapped = 0;
            foreach (var slot in ServedSlots)
            {
                if (!active.TryGetValue(slot, out var version) || _tried.GetValueOrDefault(slot) == version)
                {
                    continue;
                }

                _tried[slot] = version;
                try
                {
                    var stored = await store.ReadAsync(slot, version, cancellationToken).ConfigureAwait(false);
                    var model = ServingModelLoader.Load(stored, _models.Encoder, _options.EncoderName);
                    _models.Install(stored.Metadata, model, store.Description);
                    swapped++;
                    Report(LogLevel.Information, $"models: serving {slot} v{version} ({stored.Metadata.Kind}) from {store.Description}");
                }
                catch (Exception e) when (e is InvalidDataException or KeyNotFoundException or IOException or ArgumentException)
                {
                    var current = _models.ServedModel(slot);
                    var line = $"models: refused {slot} v{version}: {e.Message.Split('\n')[0]}; still serving {current?.Description ?? "nothing"}";
                    _models.Refuse(slot, line);
                    Report(LogLevel.Warning, line);
                }
            }

            return swapped;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await RefreshAsync(cancellationToken).ConfigureAwait(false);
        if (_options.ModelStore is not null)
        {
            _loop = PollAsync(_stop.Token);
        }
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is { } loop)
        {
            await loop.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        // The container may dispose it twice (as itself and as the hosted service it also is).
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is { } loop)
        {
            await loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        _stop.Dispose();
        _gate.Dispose();
    }

    private async Task PollAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_options.ModelPollInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                await RefreshAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
    }

    private void Report(LogLevel level, string line)
    {
#pragma warning disable CA1848, CA2254 // one line per model event: rare, not a hot path
        _logger.Log(level, line);
#pragma warning restore CA1848, CA2254
        _options.ModelLog?.Invoke(line);
    }
}
