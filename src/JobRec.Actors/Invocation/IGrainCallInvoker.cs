namespace JobRec.Actors.Invocation;

/// <summary>Delivers grain calls made through proxies: the silo runtime in process, the client SDK over the network.</summary>
public interface IGrainCallInvoker
{
    /// <summary>Calls <paramref name="method"/> on the grain named by <paramref name="target"/> and returns its boxed result (null for void).</summary>
    Task<object?> InvokeAsync(GrainReference target, GrainMethod method, object?[] arguments);
}
