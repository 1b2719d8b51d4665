namespace JobRec.Actors.Runtime;

/// <summary>What the catalog holds for a grain id: one activation, or a stateless worker pool.</summary>
internal interface IGrainTarget
{
    /// <summary>Queues the request; false when the target is gone and the caller must look up again.</summary>
    bool TryEnqueue(GrainRequest request);

    /// <summary>Adds this target's activations and queued messages to <paramref name="stats"/>.</summary>
    void AddTo(Dictionary<string, (int Activations, int Queued)> stats);

    /// <summary>Activations currently registered under this target.</summary>
    IEnumerable<Activation> Activations { get; }
}
