using Orleans;

namespace JobRec.Contracts.Benchmarks;

/// <summary>What a sequenced counter answers: its count, the silo and the activation that answered (to check that one activation serves each grain).</summary>
[GenerateSerializer, Immutable, Alias("jobrec.CounterReading")]
public sealed record CounterReading(long Count, string Silo, string Activation);
