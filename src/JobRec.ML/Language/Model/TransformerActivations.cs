using JobRec.ML.Language.Layers;

namespace JobRec.ML.Language.Model;

/// <summary>Forward-pass activations of a whole model for one batch shape, kept for the backward pass, plus the backward scratch buffers.</summary>
internal sealed class TransformerActivations
{
    public TransformerActivations(TransformerConfig c, int batch, int seqLen)
    {
        Batch = batch;
        SeqLen = seqLen;
        int n = batch * seqLen, d = c.ModelDim, h = c.HiddenDim, layers = c.Layers;
        Residual = Alloc(layers + 1, n * d);
        Ln1 = Alloc(layers, n * d); Ln1Mean = Alloc(layers, n); Ln1Rstd = Alloc(layers, n);
        Qkv = Alloc(layers, n * 3 * d);
        Attention = new AttentionActivations[layers];
        for (int l = 0; l < layers; l++) Attention[l] = new AttentionActivations(batch, seqLen, d, c.Heads);
        AttnOut = Alloc(layers, n * d);
        Residual2 = Alloc(layers, n * d);
        Ln2 = Alloc(layers, n * d); Ln2Mean = Alloc(layers, n); Ln2Rstd = Alloc(layers, n);
        Fc = Alloc(layers, n * h); FcGelu = Alloc(layers, n * h);
        LnF = new float[n * d]; LnFMean = new float[n]; LnFRstd = new float[n];
        Logits = new float[(long)n * c.VocabSize > int.MaxValue ? throw new ArgumentException("batch too large for logits") : n * c.VocabSize];
        Tokens = new int[n];
        Targets = new int[n];
        DResidual = new float[n * d]; DResidual2 = new float[n * d]; DLn = new float[n * d];
        DQkv = new float[n * 3 * d]; DAttnOut = new float[n * d]; DFc = new float[n * h]; DFcGelu = new float[n * h];
    }

    public int Batch { get; }
    public int SeqLen { get; }
    public float[][] Residual { get; }
    public float[][] Ln1 { get; }
    public float[][] Ln1Mean { get; }
    public float[][] Ln1Rstd { get; }
    public float[][] Qkv { get; }
    public AttentionActivations[] Attention { get; }
    public float[][] AttnOut { get; }
    public float[][] Residual2 { get; }
    public float[][] Ln2 { get; }
    public float[][] Ln2Mean { get; }
    public float[][] Ln2Rstd { get; }
    public float[][] Fc { get; }
    public float[][] FcGelu { get; }
    public float[] LnF { get; }
    public float[] LnFMean { get; }
    public float[] LnFRstd { get; }
    public float[] Logits { get; }
    public int[] Tokens { get; }
    public int[] Targets { get; }
    public int TargetCount { get; set; }
    public float[] DResidual { get; }
    public float[] DResidual2 { get; }
    public float[] DLn { get; }
    public float[] DQkv { get; }
    public float[] DAttnOut { get; }
    public float[] DFc { get; }
    public float[] DFcGelu { get; }

    private static float[][] Alloc(int count, int length)
    {
        var result = new float[count][];
        for (int i = 0; i < count; i++) result[i] = new float[length];
        return result;
    }
}
