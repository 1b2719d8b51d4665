namespace JobRec.Actors.Storage;

/// <summary>Marks a grain constructor parameter of type IPersistentState{T} to be filled with the named state from the named storage provider.</summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class PersistentStateAttribute : Attribute
{
    /// <summary>Creates the attribute; <paramref name="storageName"/> defaults to the default provider.</summary>
    public PersistentStateAttribute(string stateName, string? storageName = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(stateName);
        StateName = stateName;
        StorageName = storageName ?? GrainStorageNames.Default;
    }

    /// <summary>The state's name within the grain.</summary>
    public string StateName { get; }

    /// <summary>The keyed IGrainStorage service that stores it.</summary>
    public string StorageName { get; }
}
