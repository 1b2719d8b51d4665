using System.Collections.Concurrent;

namespace JobRec.Actors.Tests.TestGrains;

/// <summary>Singleton the test grains report their lifecycle to.</summary>
public sealed class ActivationLog
{
    public ConcurrentDictionary<string, int> Activations { get; } = new();

    public ConcurrentDictionary<string, int> Deactivations { get; } = new();

    public ConcurrentQueue<DeactivationReason> Reasons { get; } = new();
}
