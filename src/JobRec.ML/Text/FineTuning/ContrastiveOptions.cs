namespace JobRec.ML.Text.FineTuning;

/// <summary>Settings of <see cref="ContrastiveTrainer"/>: epochs, in-batch size, Adam learning rate, softmax temperature, seed.</summary>
public sealed record ContrastiveOptions(int Epochs = 3, int BatchSize = 256, float LearningRate = 5e-4f, float Temperature = 0.05f, int Seed = 7);
