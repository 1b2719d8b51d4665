namespace JobRec.Actors;

/// <summary>Marks a grain class as a stateless worker: a local pool of at most <see cref="MaxLocalWorkers"/> activations per key, with no single-activation guarantee.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class StatelessWorkerAttribute : Attribute
{
    /// <summary>Creates the attribute; <paramref name="maxLocalWorkers"/> defaults to the processor count.</summary>
    public StatelessWorkerAttribute(int maxLocalWorkers = 0)
    {
        if (maxLocalWorkers < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxLocalWorkers), maxLocalWorkers, "maxLocalWorkers must be >= 0 (0 = processor count).");
        }

        MaxLocalWorkers = maxLocalWorkers == 0 ? Environment.ProcessorCount : maxLocalWorkers;
    }

    /// <summary>The most activations per key that run at once on one silo.</summary>
    public int MaxLocalWorkers { get; }
}
