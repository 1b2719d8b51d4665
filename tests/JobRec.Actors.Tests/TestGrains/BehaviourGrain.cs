namespace JobRec.Actors.Tests.TestGrains;

public sealed class BehaviourGrain : Grain, IBehaviourGrain
{
    public Task Fail(string message) => throw new InvalidOperationException(message);

    public Task SlowWithShortTimeout(int milliseconds) => Task.Delay(milliseconds);

    public Task Slow(int milliseconds) => Task.Delay(milliseconds);

    public Task<Payload> Echo(Payload payload) => Task.FromResult(payload with { Name = payload.Name + "!" });

    public ValueTask<int> Add(int a, int b) => ValueTask.FromResult(a + b);

    public ValueTask Nothing() => ValueTask.CompletedTask;

    public Task<List<string>?> Maybe(bool give) => Task.FromResult(give ? new List<string> { "a", "b" } : null);

    public Task<int> Big(byte[] data) => Task.FromResult(data.Length);
}
