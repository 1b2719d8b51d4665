namespace JobRec.Vectors.Faiss.Native;

/// <summary>Status codes the native shim returns (jr_status in native/jobrec_faiss.h).</summary>
internal enum FaissStatus
{
    Ok = 0,
    InvalidArgument = 1,
    InvalidState = 2,
    FaissError = 3,
    OutOfMemory = 4,
    IoError = 5,
    UnknownError = 6,
}
