namespace JobRec.ML.Text.Onnx;

/// <summary>Which ONNX Runtime execution provider an encoder asks for.</summary>
public enum OnnxExecutionPreference
{
    /// <summary>CUDA when this build carries it (-p:JobRecGpu=true) and a GPU answers, else the CPU.</summary>
    Auto,

    /// <summary>Always the CPU.</summary>
    Cpu,

    /// <summary>CUDA or fail: loading throws when the build has no CUDA provider or no GPU answers.</summary>
    Cuda,
}
