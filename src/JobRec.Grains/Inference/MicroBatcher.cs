using System.Buffers;
using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace JobRec.Grains.Inference;

/// <summary>Collects concurrent requests into batches (up to a max size, waiting at most a small window after the first) and runs one model call per batch on a background loop.</summary>
/// <typeparam name="TItem">One request item.</typeparam>
/// <typeparam name="TResult">The result for one item.</typeparam>
public sealed class MicroBatcher<TItem, TResult> : IAsyncDisposable
{
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Func<IReadOnlyList<TItem>, IReadOnlyList<TResult>> _run;
    private readonly TimeSpan _window;
    private readonly int _maxBatch;
    private readonly Task _loop;
    private long _batches;
    private long _items;

    /// <summary>Starts the loop; <paramref name="run"/> must return one result per item, in order.</summary>
    public MicroBatcher(Func<IReadOnlyList<TItem>, IReadOnlyList<TResult>> run, TimeSpan window, int maxBatch)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(window, TimeSpan.Zero);
        _run = run;
        _window = window;
        _maxBatch = maxBatch;
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>Batches run so far.</summary>
    public long Batches => Interlocked.Read(ref _batches);

    /// <summary>Items processed so far.</summary>
    public long Items => Interlocked.Read(ref _items);

    /// <summary>Queues the items and completes with their results once their batch has run; the model's exception fails every item of its batch.</summary>
    public Task<TResult[]> SubmitAsync(IReadOnlyList<TItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var pending = new Pending(items, new TaskCompletionSource<TResult[]>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (items.Count == 0)
        {
            pending.Completion.SetResult([]);
        }
        else if (!_queue.Writer.TryWrite(pending))
        {
            pending.Completion.SetException(new ObjectDisposedException(nameof(MicroBatcher<TItem, TResult>)));
        }

        return pending.Completion.Task;
    }

    /// <summary>Stops accepting requests and waits for the queued ones to finish.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }

    private async Task LoopAsync()
    {
        var reader = _queue.Reader;
        var batch = new List<Pending>();
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            var count = 0;
            while (count < _maxBatch && reader.TryRead(out var first))
            {
                batch.Add(first);
                count += first.Items.Count;
            }

            if (count < _maxBatch && _window > TimeSpan.Zero)
            {
                using var timeout = new CancellationTokenSource(_window);
                try
                {
                    while (count < _maxBatch && await reader.WaitToReadAsync(timeout.Token).ConfigureAwait(false))
                    {
                        while (count < _maxBatch && reader.TryRead(out var more))
                        {
                            batch.Add(more);
                            count += more.Items.Count;
                        }
                    }
                }
                catch (OperationCanceledException)
                {
                    // The window closed: run what we have.
                }
            }

            if (batch.Count > 0)
            {
                Run(batch, count);
            }
        }
    }

    private void Run(List<Pending> batch, int count)
    {
        // One request is its own batch: no copy in, and its results go back as they came. Several are gathered into a pooled array
        // (the model does not keep the list past the call).
        TItem[]? gathered = null;
        IReadOnlyList<TItem> items;
        if (batch.Count == 1)
        {
            items = batch[0].Items;
        }
        else
        {
            gathered = ArrayPool<TItem>.Shared.Rent(count);
            var n = 0;
            foreach (var p in batch)
            {
                foreach (var item in p.Items)
                {
                    gathered[n++] = item;
                }
            }

            items = new ArraySegment<TItem>(gathered, 0, count);
        }

        try
        {
            var results = _run(items);
            if (results.Count != count)
            {
                throw new InvalidOperationException($"batch model returned {results.Count} results for {count} items");
            }

            if (batch.Count == 1 && results is TResult[] whole)
            {
                batch[0].Completion.TrySetResult(whole);
            }
            else
            {
                var offset = 0;
                foreach (var p in batch)
                {
                    var slice = new TResult[p.Items.Count];
                    for (var i = 0; i < slice.Length; i++)
                    {
                        slice[i] = results[offset + i];
                    }

                    offset += slice.Length;
                    p.Completion.TrySetResult(slice);
                }
            }
        }
        catch (Exception ex)
        {
            foreach (var p in batch)
            {
                p.Completion.TrySetException(ex);
            }
        }
        finally
        {
            if (gathered is not null)
            {
                ArrayPool<TItem>.Shared.Return(gathered, clearArray: RuntimeHelpers.IsReferenceOrContainsReferences<TItem>());
            }
        }

        Interlocked.Increment(ref _batches);
        Interlocked.Add(ref _items, count);
    }

    private sealed record Pending(IReadOnlyList<TItem> Items, TaskCompletionSource<TResult[]> Completion);
}
