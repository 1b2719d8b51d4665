namespace JobRec.ML.Onet;

/// <summary>One ranked occupation for a query: its code, preferred title and combined score (higher is better).</summary>
public sealed record OccupationPrediction(string Code, string Title, float Score);
