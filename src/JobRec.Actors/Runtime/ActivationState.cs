namespace JobRec.Actors.Runtime;

/// <summary>Lifecycle of an activation.</summary>
internal enum ActivationState
{
    Creating,
    Valid,
    Deactivating,
    Invalid,
}
