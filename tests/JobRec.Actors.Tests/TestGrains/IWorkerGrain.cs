namespace JobRec.Actors.Tests.TestGrains;

public interface IWorkerGrain : IGrainWithStringKey
{
    Task<string> Work(int milliseconds);
}
