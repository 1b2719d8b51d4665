namespace JobRec.LoadTest.Running;

/// <summary>How load is generated.</summary>
public enum LoadMode
{
    /// <summary>N virtual users, each issuing its next call after the previous one completes plus a think time.</summary>
    Closed,

    /// <summary>Calls start at a fixed arrival rate regardless of completions; latency counts from the intended start.</summary>
    Open,
}
