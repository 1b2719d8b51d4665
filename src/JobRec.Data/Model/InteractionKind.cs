namespace JobRec.Data.Model;

/// <summary>What a user did with a job, from weakest to strongest signal.</summary>
public enum InteractionKind
{
    /// <summary>The user opened the job.</summary>
    View = 0,
    /// <summary>The user saved the job for later.</summary>
    Save = 1,
    /// <summary>The user applied to the job.</summary>
    Apply = 2,
}
