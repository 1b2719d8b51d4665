using Orleans;

namespace JobRec.Contracts;

/// <summary>A silo refused a request because as many requests as it queues are already waiting for their turn (HTTP 503; try again shortly).</summary>
[GenerateSerializer, Alias("jobrec.ServingOverloadedException")]
public sealed class ServingOverloadedException : Exception
{
    /// <summary>An exception naming the refused operation and the queue limit reached.</summary>
    public ServingOverloadedException(string operation, int queued)
        : base($"{operation} refused: {queued} requests are already queued on this silo; try again shortly")
    {
        Operation = operation;
    }

    /// <summary>An exception with the given message.</summary>
    public ServingOverloadedException(string message, Exception? inner = null)
        : base(message, inner)
    {
        Operation = "";
    }

    /// <summary>The refused operation ("recommend", "search").</summary>
    [Id(0)]
    public string Operation { get; }

    /// <summary>Always null: load shedding is not a fault, and no silo stack trace leaves the cluster with it.</summary>
    public override string? StackTrace => null;
}
