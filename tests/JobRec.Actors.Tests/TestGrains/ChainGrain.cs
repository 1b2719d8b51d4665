namespace JobRec.Actors.Tests.TestGrains;

public sealed class ChainGrain : Grain, IChainGrain
{
    public async Task<string> Next(string[] path)
    {
        if (path.Length == 0)
        {
            return GetPrimaryKeyString();
        }

        var next = GrainFactory.GetGrain<IChainGrain>(path[0]);
        return GetPrimaryKeyString() + ">" + await next.Next(path[1..]);
    }

    public Task<string> Ping() => Task.FromResult("pong");
}
