using System.Reflection;

namespace JobRec.Actors.Storage;

/// <summary>Names the storage provider that a Grain{TState} class uses (default: "Default").</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class StorageProviderAttribute : Attribute
{
    /// <summary>The keyed IGrainStorage service name.</summary>
    public string ProviderName { get; set; } = GrainStorageNames.Default;

    internal static string GetProviderName(Type grainClass) =>
        grainClass.GetCustomAttribute<StorageProviderAttribute>()?.ProviderName ?? GrainStorageNames.Default;
}
