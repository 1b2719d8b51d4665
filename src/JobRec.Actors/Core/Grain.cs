using JobRec.Actors.Runtime;

namespace JobRec.Actors;

/// <summary>Base class of grain implementations: identity, factory, lifecycle hooks, timers and idle deactivation.</summary>
public abstract class Grain
{
    private IGrainContext? _context;

    /// <summary>The identity of this activation's grain.</summary>
    public GrainId GrainId => Context.GrainId;

    /// <summary>The factory for references to other grains.</summary>
    protected IGrainFactory GrainFactory => Context.GrainFactory;

    /// <summary>The silo's service provider.</summary>
    protected IServiceProvider ServiceProvider => Context.Services;

    internal IGrainContext Context => _context ?? throw new InvalidOperationException(
        $"Grain {GetType().FullName} is not attached to an activation; grains are created by the runtime, not with 'new'.");

    /// <summary>Returns the grain's string key.</summary>
    public string GetPrimaryKeyString() => GrainId.Key;

    /// <summary>Called once after the grain's state is read and before its first message is processed.</summary>
    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Called once before the activation is removed; state written here is persisted before a new activation may start.</summary>
    public virtual Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Asks the runtime to deactivate this activation once the current turn completes.</summary>
    protected void DeactivateOnIdle() => Context.RequestDeactivation(DeactivationReason.ApplicationRequested);

    /// <summary>Registers a timer whose callback runs as a turn of this grain (never concurrently with a message) after <paramref name="dueTime"/> and then every <paramref name="period"/>; disposing it stops the timer.</summary>
    protected IDisposable RegisterGrainTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return Context.RegisterTimer(callback, dueTime, period);
    }

    internal void Attach(IGrainContext context) => _context = context;

    internal virtual void InitializePersistentState(PersistentStateFactory factory)
    {
    }
}
