namespace JobRec.Actors.Tests.TestGrains;

public interface ICounterGrain : IGrainWithStringKey
{
    Task<int> IncrementSlowly();

    Task<int> Get();

    Task<string> WhoAmI();

    Task Deactivate();
}
