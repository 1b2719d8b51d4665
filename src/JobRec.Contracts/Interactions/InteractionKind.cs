namespace JobRec.Contracts.Interactions;

/// <summary>What a user did with a job, from weakest to strongest signal (same values as the data model's kind).</summary>
public enum InteractionKind
{
    /// <summary>The user opened the job.</summary>
    View = 0,
    /// <summary>The user saved the job for later.</summary>
    Save = 1,
    /// <summary>The user applied to the job.</summary>
    Apply = 2,
}
