namespace JobRec.Actors.Storage;

/// <summary>Identifies one stored state: the grain and the state's name within the grain.</summary>
public readonly record struct GrainStateKey(GrainId GrainId, string StateName)
{
    /// <summary>Returns <c>type/key#state</c>.</summary>
    public override string ToString() => $"{GrainId}#{StateName}";
}
