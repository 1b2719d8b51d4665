namespace JobRec.ML.Text;

/// <summary>Thrown when model files are missing from the model cache; the message says how to install them.</summary>
public sealed class ModelNotFoundException(string message) : Exception(message);
