using System.Runtime.InteropServices;

namespace JobRec.Vectors.Faiss.Native;

/// <summary>Mirror of jr_index_info in native/jobrec_faiss.h.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct NativeIndexInfo
{
    public int Kind;
    public int Dimension;
    public long Count;
    public long Stored;
    public int IsTrained;
    public int HnswM;
    public int HnswEfConstruction;
    public int HnswEfSearch;
    public int IvfNlist;
    public int IvfNprobe;
}
