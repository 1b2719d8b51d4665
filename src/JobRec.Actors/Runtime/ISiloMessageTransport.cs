using JobRec.Actors.Invocation;

namespace JobRec.Actors.Runtime;

/// <summary>Sends a grain call to another silo and returns its result (silo-to-silo forwarding in a cluster).</summary>
public interface ISiloMessageTransport
{
    /// <summary>Sends the call to the silo at <paramref name="siloEndpoint"/>; throws GrainMovedException when that silo no longer owns the grain.</summary>
    Task<object?> SendAsync(string siloEndpoint, GrainReference target, GrainMethod method, object?[] arguments, CallChain? chain, TimeSpan timeout);
}
