using System.Diagnostics;
using JobRec.Actors.Tests.TestGrains;

namespace JobRec.Actors.Tests;

/// <summary>[ReadOnly] methods of one activation run alongside each other but never alongside other calls.</summary>
public sealed class ReadOnlyInterleavingTests : IClassFixture<ClusterFixture>
{
    private readonly ClusterFixture _fixture;

    public ReadOnlyInterleavingTests(ClusterFixture fixture) => _fixture = fixture;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Read_only_calls_of_one_grain_run_at_the_same_time(bool block)
    {
        var grain = _fixture.Grains.GetGrain<IReadWriteGrain>("reads-" + block + Guid.NewGuid());
        await grain.Write(0); // activate
        // Blocking reads each hold a pool thread for 400 ms. On 2 cores with other test classes running, the pool may have a single
        // free thread and add the next one only after its injection delay, so the reads would run one after another for reasons
        // that have nothing to do with the runtime's turns: give the pool enough threads up front for this test.
        ThreadPool.GetMinThreads(out var minWorkers, out var minIo);
        if (block)
        {
            ThreadPool.SetMinThreads(Math.Max(minWorkers, 16), minIo);
        }

        var watch = Stopwatch.StartNew();
        try
        {
            await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => grain.Read(400, block)));
        }
        finally
        {
            ThreadPool.SetMinThreads(minWorkers, minIo);
        }

        // Overlap is measured inside the grain, not by the wall clock: with blocking reads on a 2-core pool shared with other tests,
        // thread injection can stretch the elapsed time past the sequential 1.6 s even when the reads did overlap.
        var (maxReaders, overlaps) = await grain.Stats();
        Assert.True(maxReaders >= 2, $"at most {maxReaders} read ran at once (4 reads of 400 ms took {watch.ElapsedMilliseconds} ms)");
        Assert.Equal(0, overlaps);
    }

    [Fact]
    public async Task A_write_waits_for_running_reads_and_later_reads_wait_for_the_write()
    {
        var grain = _fixture.Grains.GetGrain<IReadWriteGrain>("mixed-" + Guid.NewGuid());
        await grain.Write(0); // value 1
        var readsBefore = Enumerable.Range(0, 3).Select(_ => grain.Read(300, block: false)).ToList();
        await Task.Delay(50);
        var write = grain.Write(100);
        await Task.Delay(10);
        var readAfter = grain.Read(0, block: false);

        Assert.All(await Task.WhenAll(readsBefore), v => Assert.Equal(1, v)); // the write did not run under them
        Assert.Equal(2, await write);
        Assert.Equal(2, await readAfter); // queued behind the write, so it sees it
        Assert.Equal(0, (await grain.Stats()).Overlaps);
    }

    [Fact]
    public async Task Mixed_load_never_overlaps_a_write_with_anything()
    {
        var grain = _fixture.Grains.GetGrain<IReadWriteGrain>("load-" + Guid.NewGuid());
        var random = new Random(7);
        var writes = 0;
        var calls = new List<Task>();
        for (var i = 0; i < 200; i++)
        {
            if (random.Next(5) == 0)
            {
                writes++;
                calls.Add(grain.Write(1));
            }
            else
            {
                calls.Add(grain.Read(random.Next(3), block: i % 2 == 0));
            }
        }

        await Task.WhenAll(calls);

        var (maxReaders, overlaps) = await grain.Stats();
        Assert.Equal(0, overlaps);
        Assert.True(maxReaders >= 2, $"at most {maxReaders} read ran at once");
        Assert.Equal(writes + 1, await grain.Write(0)); // every write ran exactly once
    }
}
