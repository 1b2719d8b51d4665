namespace JobRec.Actors.Invocation;

/// <summary>What a proxy calls: a grain interface and a key, as a caller names them.</summary>
public sealed record GrainReference(GrainInterfaceInfo Interface, string Key)
{
    /// <summary>Returns <c>Interface/key</c>.</summary>
    public override string ToString() => $"{Interface.Name}/{Key}";
}
