namespace JobRec.Actors.Tests.TestGrains;

/// <summary>Counts in memory with an await inside the read-modify-write, to show turns do not interleave.</summary>
public sealed class CounterGrain : Grain, ICounterGrain
{
    private readonly ActivationLog _log;
    private readonly Guid _instance = Guid.NewGuid();
    private int _value;

    public CounterGrain(ActivationLog log) => _log = log;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _log.Activations.AddOrUpdate(GetPrimaryKeyString(), 1, (_, n) => n + 1);
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _log.Deactivations.AddOrUpdate(GetPrimaryKeyString(), 1, (_, n) => n + 1);
        _log.Reasons.Enqueue(reason);
        return Task.CompletedTask;
    }

    public async Task<int> IncrementSlowly()
    {
        var read = _value;
        await Task.Yield();
        await Task.Delay(0);
        _value = read + 1;
        return _value;
    }

    public Task<int> Get() => Task.FromResult(_value);

    public Task<string> WhoAmI() => Task.FromResult($"{GrainId}#{_instance}");

    public Task Deactivate()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
