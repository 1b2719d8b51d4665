using JobRec.Actors.Storage;
using Microsoft.Extensions.Logging;

namespace JobRec.Actors.Runtime;

/// <summary>One activation of a grain: the instance and its mailbox, run one turn at a time on the thread pool.</summary>
internal sealed class Activation : IGrainTarget, IGrainContext, IThreadPoolWorkItem
{
    private const int TurnsPerSchedule = 128;
    private readonly object _gate = new();
    private readonly Queue<IWorkItem> _queue = new();
    private readonly GrainRuntime _runtime;
    private readonly IActivationOwner _owner;
    private readonly TaskCompletionSource _deactivated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<GrainTimer> _timers = new();
    private ActivationState _state = ActivationState.Creating;
    private bool _scheduled;
    private DeactivationReason? _pendingDeactivation;
    private int _readers;
    private TaskCompletionSource? _readersDone;

    public Activation(GrainId grainId, GrainClassInfo grainClass, GrainRuntime runtime, IActivationOwner owner)
    {
        GrainId = grainId;
        GrainClass = grainClass;
        _runtime = runtime;
        _owner = owner;
        TurnChain = grainClass.IsStatelessWorker ? null : new CallChain(grainId, null);
        LastActivityMs = Environment.TickCount64;
    }

    public GrainId GrainId { get; }

    public GrainClassInfo GrainClass { get; }

    public Grain? Instance { get; private set; }

    public IGrainFactory GrainFactory => _runtime.GrainFactory;

    public IServiceProvider Services => _runtime.Services;

    public ILogger Logger => _runtime.Logger;

    public long LastActivityMs { get; private set; }

    public Task Deactivated => _deactivated.Task;

    public IEnumerable<Activation> Activations => [this];

    /// <summary>The chain a turn of this activation runs under when its request came from outside any grain.</summary>
    private CallChain? TurnChain { get; }

    public int QueueLength
    {
        get
        {
            lock (_gate)
            {
                return _queue.Count;
            }
        }
    }

    public bool IsIdle
    {
        get
        {
            lock (_gate)
            {
                return !_scheduled && _queue.Count == 0 && _readers == 0 && _state == ActivationState.Valid;
            }
        }
    }

    public bool TryEnqueue(GrainRequest request) => TryEnqueue((IWorkItem)request);

    public bool TryEnqueue(IWorkItem item)
    {
        lock (_gate)
        {
            if (_state == ActivationState.Invalid)
            {
                return false;
            }

            _queue.Enqueue(item);
            if (_scheduled || _state == ActivationState.Deactivating)
            {
                return true;
            }

            _scheduled = true;
        }

        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        return true;
    }

    public void AddTo(Dictionary<string, (int Activations, int Queued)> stats)
    {
        stats.TryGetValue(GrainClass.GrainType, out var s);
        stats[GrainClass.GrainType] = (s.Activations + 1, s.Queued + QueueLength);
    }

    public void RequestDeactivation(DeactivationReason reason)
    {
        lock (_gate)
        {
            if (_state is ActivationState.Deactivating or ActivationState.Invalid
                || (_pendingDeactivation is not null && reason == DeactivationReason.IdleCollection))
            {
                return; // an explicit request (shutdown, DeactivateOnIdle) replaces a pending idle collection, never the reverse
            }

            _pendingDeactivation = reason;
            if (_scheduled)
            {
                return;
            }

            _scheduled = true;
        }

        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
    }

    public IDisposable RegisterTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new GrainTimer(this, callback, dueTime, period);
        lock (_timers)
        {
            _timers.Add(timer);
        }

        return timer;
    }

    public void RemoveTimer(GrainTimer timer)
    {
        lock (_timers)
        {
            _timers.Remove(timer);
        }
    }

    void IThreadPoolWorkItem.Execute() => _ = RunAsync();

    private async Task RunAsync()
    {
        if (_state == ActivationState.Creating && !await ActivateAsync().ConfigureAwait(false))
        {
            return;
        }

        for (var budget = TurnsPerSchedule; ; budget--)
        {
            if (budget == 0)
            {
                // Yield the thread to other activations; this one stays scheduled.
                CallContext.Current = null;
                ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
                return;
            }

            IWorkItem? item = null;
            DeactivationReason? deactivate = null;
            lock (_gate)
            {
                if (_pendingDeactivation is { } reason)
                {
                    _pendingDeactivation = null;
                    if (reason != DeactivationReason.IdleCollection || _queue.Count == 0)
                    {
                        _state = ActivationState.Deactivating;
                        deactivate = reason;
                    }
                }

                if (deactivate is null && !_queue.TryDequeue(out item))
                {
                    _scheduled = false;
                    CallContext.Current = null;
                    return;
                }
            }

            if (item is GrainRequest { Method.IsReadOnly: true } read)
            {
                // With more calls waiting the read starts on another thread, so the next ones can start too; otherwise it runs here
                // up to its first await (no thread hop) and the loop goes on while it finishes.
                if (StartRead(read))
                {
                    _ = RunReadAsync(read);
                }

                continue;
            }

            // Anything else runs alone: after every read-only turn started before it has finished.
            await ReadersDoneAsync().ConfigureAwait(false);
            if (deactivate is { } why)
            {
                CallContext.Current = null;
                await DeactivateAsync(why).ConfigureAwait(false);
                return;
            }

            CallContext.Current = ChainFor(item!);
            await item!.ExecuteAsync(this).ConfigureAwait(false);
            if (item.CountsAsActivity)
            {
                LastActivityMs = Environment.TickCount64;
            }
        }
    }

    /// <summary>Counts a read-only turn as running; when more calls wait in the mailbox it is started on the thread pool, alongside
    /// other read-only turns, and false is returned; otherwise true: the caller runs it in place.</summary>
    private bool StartRead(GrainRequest read)
    {
        bool more;
        lock (_gate)
        {
            _readers++;
            more = _queue.Count > 0;
        }

        LastActivityMs = Environment.TickCount64;
        if (!more)
        {
            return true;
        }

        ThreadPool.UnsafeQueueUserWorkItem(static state => _ = state.Activation.RunReadAsync(state.Read), (Activation: this, Read: read), preferLocal: false);
        return false;
    }

    private async Task RunReadAsync(GrainRequest read)
    {
        try
        {
            CallContext.Current = ChainFor(read);
            await read.ExecuteAsync(this).ConfigureAwait(false);
        }
        finally
        {
            CallContext.Current = null;
            TaskCompletionSource? done = null;
            lock (_gate)
            {
                if (--_readers == 0)
                {
                    done = _readersDone;
                    _readersDone = null;
                }
            }

            done?.TrySetResult();
        }
    }

    /// <summary>Completes when no read-only turn of this activation is running.</summary>
    private Task ReadersDoneAsync()
    {
        lock (_gate)
        {
            if (_readers == 0)
            {
                return Task.CompletedTask;
            }

            _readersDone ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _readersDone.Task;
        }
    }

    private CallChain? ChainFor(IWorkItem item)
    {
        var callerChain = (item as GrainRequest)?.Chain;
        if (TurnChain is null)
        {
            return callerChain; // stateless workers are not waited on: pass the caller's chain through.
        }

        return callerChain is null ? TurnChain : new CallChain(GrainId, callerChain);
    }

    private async Task<bool> ActivateAsync()
    {
        try
        {
            var (grain, states) = _runtime.Activator.Create(GrainClass, this);
            foreach (var state in states)
            {
                await state.LoadAsync().ConfigureAwait(false);
            }

            CallContext.Current = TurnChain;
            using var cts = new CancellationTokenSource(_runtime.Options.ActivationTimeout);
            await grain.OnActivateAsync(cts.Token).WaitAsync(_runtime.Options.ActivationTimeout).ConfigureAwait(false);
            Instance = grain;
            lock (_gate)
            {
                _state = ActivationState.Valid;
            }

            return true;
        }
        catch (Exception e)
        {
            _runtime.Logger.LogWarning(e, "Activation of grain {GrainId} failed", GrainId);
            var failure = e is TimeoutException
                ? new GrainCallTimeoutException($"Activation of grain {GrainId} did not finish within {_runtime.Options.ActivationTimeout.TotalSeconds:0.#} s.")
                : e;
            _owner.OnDeactivated(this);
            foreach (var item in CloseMailbox())
            {
                (item as GrainRequest)?.TrySetException(failure);
            }

            CallContext.Current = null;
            _deactivated.TrySetResult();
            return false;
        }
    }

    private async Task DeactivateAsync(DeactivationReason reason)
    {
        GrainTimer[] timers;
        lock (_timers)
        {
            timers = _timers.ToArray();
        }

        foreach (var t in timers)
        {
            t.Dispose();
        }

        try
        {
            using var cts = new CancellationTokenSource(_runtime.Options.DeactivationTimeout);
            await Instance!.OnDeactivateAsync(reason, cts.Token).WaitAsync(_runtime.Options.DeactivationTimeout).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            _runtime.Logger.LogWarning(e, "OnDeactivateAsync of grain {GrainId} failed", GrainId);
        }

        _owner.OnDeactivated(this);
        foreach (var item in CloseMailbox())
        {
            if (item is GrainRequest request)
            {
                _runtime.Redispatch(request);
            }
        }

        _deactivated.TrySetResult();
    }

    private IWorkItem[] CloseMailbox()
    {
        lock (_gate)
        {
            _state = ActivationState.Invalid;
            _scheduled = false;
            var rest = _queue.ToArray();
            _queue.Clear();
            return rest;
        }
    }
}
