using JobRec.ML.Text.Transformer;

namespace JobRec.ML.Onet.EncoderTuning;

/// <summary>What <see cref="OnetEncoderTuning.Train"/> produced: the trained layers with the graph they came from, the mean loss of each epoch,
/// the development nearest-title top-1 before training (index 0) and after each epoch, and the number of training titles (anchors).</summary>
public sealed record EncoderTuningResult(BertOnnxGraph Graph, BertLayerStack Stack, IReadOnlyList<double> Losses, IReadOnlyList<double> DevelopmentTop1, int Anchors);
