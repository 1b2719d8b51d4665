namespace JobRec.Actors.Tests.TestGrains;

/// <summary>A stateless worker that records how many of its activations run at once.</summary>
[StatelessWorker(3)]
public sealed class WorkerGrain : Grain, IWorkerGrain
{
    private static int s_running;
    private static int s_maxRunning;
    private readonly Guid _instance = Guid.NewGuid();

    public static int MaxRunning => Volatile.Read(ref s_maxRunning);

    public async Task<string> Work(int milliseconds)
    {
        var now = Interlocked.Increment(ref s_running);
        int seen;
        while ((seen = Volatile.Read(ref s_maxRunning)) < now && Interlocked.CompareExchange(ref s_maxRunning, now, seen) != seen)
        {
        }

        await Task.Delay(milliseconds);
        Interlocked.Decrement(ref s_running);
        return _instance.ToString();
    }
}
