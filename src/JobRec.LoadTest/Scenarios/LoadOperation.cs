namespace JobRec.LoadTest.Scenarios;

/// <summary>One named operation of a scenario, chosen with probability proportional to <see cref="Weight"/>.</summary>
/// <param name="Name">Name used in reports, e.g. "recommend".</param>
/// <param name="Weight">Relative weight, positive.</param>
/// <param name="Invoke">The asynchronous call; it should honour the cancellation token.</param>
public sealed record LoadOperation(string Name, double Weight, Func<CancellationToken, Task> Invoke);
