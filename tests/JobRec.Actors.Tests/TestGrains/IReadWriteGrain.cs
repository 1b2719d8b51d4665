namespace JobRec.Actors.Tests.TestGrains;

public interface IReadWriteGrain : IGrainWithStringKey
{
    /// <summary>Holds the turn for <paramref name="milliseconds"/> (blocking the thread when <paramref name="block"/>, else awaiting) and returns the value.</summary>
    [ReadOnly]
    Task<int> Read(int milliseconds, bool block);

    /// <summary>Holds the turn for <paramref name="milliseconds"/> and then adds one to the value.</summary>
    Task<int> Write(int milliseconds);

    /// <summary>Most read turns seen running at once, and how often a read and a write overlapped.</summary>
    [ReadOnly]
    Task<(int MaxReaders, int Overlaps)> Stats();
}
