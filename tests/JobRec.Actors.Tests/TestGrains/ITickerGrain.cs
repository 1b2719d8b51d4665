namespace JobRec.Actors.Tests.TestGrains;

public interface ITickerGrain : IGrainWithStringKey
{
    Task Start(int periodMs);

    Task<(int Ticks, bool Overlapped)> Read(int busyMs);
}

public interface IUnregisteredGrain : IGrainWithStringKey
{
    Task Hello();
}
