namespace JobRec.Actors.Runtime;

/// <summary>The call chain of the grain turn running in the current async flow (null outside grains).</summary>
internal static class CallContext
{
    private static readonly AsyncLocal<CallChain?> CurrentChain = new();

    public static CallChain? Current
    {
        get => CurrentChain.Value;
        set
        {
            if (!ReferenceEquals(CurrentChain.Value, value))
            {
                CurrentChain.Value = value;
            }
        }
    }
}
