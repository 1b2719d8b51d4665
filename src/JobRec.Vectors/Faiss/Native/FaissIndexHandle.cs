using Microsoft.Win32.SafeHandles;

namespace JobRec.Vectors.Faiss.Native;

/// <summary>Owns one native jr_index and frees it exactly once, even when the managed owner is never disposed.</summary>
internal sealed class FaissIndexHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    /// <summary>Creates an empty handle for the marshaller to fill.</summary>
    public FaissIndexHandle()
        : base(ownsHandle: true)
    {
    }

    /// <inheritdoc />
    protected override bool ReleaseHandle()
    {
        FaissNative.IndexFree(handle);
        return true;
    }
}
