namespace JobRec.Actors.Storage;

/// <summary>A named persistent state of a grain, injected into the grain's constructor with <see cref="PersistentStateAttribute"/>.</summary>
public interface IPersistentState<TState>
{
    /// <summary>The state; changes persist only when <see cref="WriteStateAsync"/> is called.</summary>
    TState State { get; set; }

    /// <summary>The ETag of the stored version this state was read from or last written as (null when none is stored).</summary>
    string? Etag { get; }

    /// <summary>Whether a record exists in storage.</summary>
    bool RecordExists { get; }

    /// <summary>Reads the state from storage (a new instance when none is stored).</summary>
    Task ReadStateAsync();

    /// <summary>Writes the state; throws <see cref="InconsistentStateException"/> when storage holds a newer version.</summary>
    Task WriteStateAsync();

    /// <summary>Deletes the stored record and resets the state to a new instance.</summary>
    Task ClearStateAsync();
}
