namespace JobRec.Actors.Tests.TestGrains;

public interface IChainGrain : IGrainWithStringKey
{
    /// <summary>Calls Next on each grain in <paramref name="path"/> in turn; the last one answers.</summary>
    Task<string> Next(string[] path);

    Task<string> Ping();
}
