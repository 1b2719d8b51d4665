using JobRec.Actors.Runtime;
using JobRec.Actors.Storage;

namespace JobRec.Actors;

/// <summary>Base class of grains with one persistent state object, read before activation and written with ETag optimistic concurrency.</summary>
public abstract class Grain<TState> : Grain where TState : new()
{
    private IPersistentState<TState>? _state;

    /// <summary>The grain's state; changes persist only when <see cref="WriteStateAsync"/> is called.</summary>
    protected TState State
    {
        get => PersistentState.State;
        set => PersistentState.State = value;
    }

    private IPersistentState<TState> PersistentState => _state ?? throw new InvalidOperationException(
        $"The state of grain {GetType().FullName} is not initialized yet; use it from OnActivateAsync on.");

    /// <summary>Re-reads the state from storage.</summary>
    protected Task ReadStateAsync() => PersistentState.ReadStateAsync();

    /// <summary>Writes the state; throws <see cref="InconsistentStateException"/> when storage holds a newer version.</summary>
    protected Task WriteStateAsync() => PersistentState.WriteStateAsync();

    /// <summary>Removes the state from storage and resets <see cref="State"/> to a new instance.</summary>
    protected Task ClearStateAsync() => PersistentState.ClearStateAsync();

    internal override void InitializePersistentState(PersistentStateFactory factory)
    {
        var provider = StorageProviderAttribute.GetProviderName(GetType());
        _state = factory.Create<TState>(GrainId, "state", provider);
    }
}
