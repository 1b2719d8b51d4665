namespace JobRec.Actors.Storage;

/// <summary>A persistent state the runtime reads before the grain's OnActivateAsync.</summary>
internal interface IPersistentStateLoader
{
    /// <summary>Reads the state from storage.</summary>
    Task LoadAsync();
}
