namespace JobRec.Silo.Benchmarks;

/// <summary>The kinds of call the serve benchmark times.</summary>
internal enum ServeOperation
{
    /// <summary>A recommend computed by the pipeline.</summary>
    Recommend,

    /// <summary>A recommend answered from the user grain's cache.</summary>
    CachedRecommend,

    /// <summary>A free-text search.</summary>
    Search,

    /// <summary>A recorded interaction.</summary>
    Interaction,
}
