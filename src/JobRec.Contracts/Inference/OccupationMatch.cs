using Orleans;
namespace JobRec.Contracts.Inference;

/// <summary>The O*NET occupation a text was classified as.</summary>
/// <param name="Code">O*NET-SOC code, empty when no occupation is known.</param>
/// <param name="Title">Occupation title.</param>
/// <param name="Score">Classifier confidence or similarity.</param>
[GenerateSerializer, Immutable, Alias("jobrec.OccupationMatch")]
public sealed record OccupationMatch(string Code, string Title, float Score);
