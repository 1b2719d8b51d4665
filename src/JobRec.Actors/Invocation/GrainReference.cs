namespace JobRec.Actors.Invocation;

/// <summary>What a proxy calls: a grain interface and a key, as a caller names them; equal when both are equal.</summary>
public sealed class GrainReference : IEquatable<GrainReference>
{
    /// <summary>Creates a reference to the grain with <paramref name="key"/> behind <paramref name="grainInterface"/>.</summary>
    public GrainReference(GrainInterfaceInfo grainInterface, string key)
    {
        Interface = grainInterface;
        Key = key;
    }

    /// <summary>The grain interface called.</summary>
    public GrainInterfaceInfo Interface { get; }

    /// <summary>The grain key.</summary>
    public string Key { get; }

    /// <summary>Routing state the invoker caches on the reference (resolved grain class, grain id, activation); opaque to callers.</summary>
    internal object? Route { get; set; }

    /// <inheritdoc />
    public bool Equals(GrainReference? other) => other is not null && other.Interface == Interface && other.Key == Key;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as GrainReference);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Interface, Key);

    /// <summary>Returns <c>Interface/key</c>.</summary>
    public override string ToString() => $"{Interface.Name}/{Key}";
}
