namespace JobRec.Actors.Tests.TestGrains;

public sealed record Payload(string Name, int[] Numbers, Dictionary<string, double> Weights);

public interface IBehaviourGrain : IGrainWithStringKey
{
    Task Fail(string message);

    [ResponseTimeout("00:00:00.300")]
    Task SlowWithShortTimeout(int milliseconds);

    Task Slow(int milliseconds);

    Task<Payload> Echo(Payload payload);

    ValueTask<int> Add(int a, int b);

    ValueTask Nothing();

    Task<List<string>?> Maybe(bool give);

    Task<int> Big(byte[] data);
}
