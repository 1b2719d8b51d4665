using JobRec.ML.Text.Onnx;

namespace JobRec.ML.Tests.Text.Onnx;

/// <summary>Loads both pretrained ONNX encoders once per test class (2 threads each); fails when deploy/setup.sh has not installed them.</summary>
public sealed class OnnxModelsFixture : IDisposable
{
    public OnnxSentenceEncoder MiniLm { get; } = OnnxSentenceEncoder.Load(PretrainedEncoderModel.MiniLm, new OnnxEncoderOptions(IntraOpThreads: 2));

    public OnnxSentenceEncoder ArcticXs { get; } = OnnxSentenceEncoder.Load(PretrainedEncoderModel.ArcticXs, new OnnxEncoderOptions(IntraOpThreads: 2));

    public OnnxSentenceEncoder For(string name) => name == PretrainedEncoderModel.MiniLm.Name ? MiniLm : ArcticXs;

    public void Dispose()
    {
        MiniLm.Dispose();
        ArcticXs.Dispose();
    }
}
