namespace JobRec.Actors.Runtime;

using JobRec.Actors.Invocation;

/// <summary>A grain call in a mailbox; it is also the completion the caller awaits.</summary>
internal sealed class GrainRequest : PendingResponse, IWorkItem
{
    public GrainRequest(GrainId target, GrainMethod method, object?[] arguments, CallChain? chain, TimeSpan timeout, GrainReference? reference = null, bool forwarded = false)
        : base(timeout)
    {
        Reference = reference;
        Forwarded = forwarded;
        Target = target;
        Method = method;
        Arguments = arguments;
        Chain = chain;
    }

    public GrainId Target { get; }

    /// <summary>The reference the call was made on, kept so a held call can be routed to another silo after its partition moved.</summary>
    public GrainReference? Reference { get; }

    /// <summary>Whether another silo forwarded this call (it is answered "moved" rather than forwarded again).</summary>
    public bool Forwarded { get; }

    public GrainMethod Method { get; }

    public object?[] Arguments { get; }

    public CallChain? Chain { get; }

    public bool CountsAsActivity => true;

    public override void OnTimeout() => TrySetException(new GrainCallTimeoutException(
        $"Call {Method} on grain {Target} got no response within {Timeout.TotalMilliseconds:0} ms."));

    public ValueTask ExecuteAsync(Activation activation)
    {
        if (Task.IsCompleted)
        {
            return default; // timed out while queued: the caller has its answer already.
        }

        Task result;
        try
        {
            result = Method.Invoker(activation.Instance!, Arguments);
        }
        catch (Exception e)
        {
            TrySetException(e);
            return default;
        }

        if (result.IsCompleted)
        {
            Complete(result);
            return default;
        }

        return new ValueTask(AwaitAsync(result));
    }

    private async Task AwaitAsync(Task result)
    {
        try
        {
            await result.ConfigureAwait(false);
        }
        catch
        {
            // The outcome is read from the task below.
        }

        Complete(result);
    }

    private void Complete(Task result)
    {
        if (result.IsCompletedSuccessfully)
        {
            TrySetResult(Method.ResultGetter(result));
        }
        else if (result.IsFaulted)
        {
            TrySetException(result.Exception!.InnerExceptions.Count == 1 ? result.Exception.InnerException! : result.Exception);
        }
        else
        {
            TrySetCanceled();
        }
    }
}
