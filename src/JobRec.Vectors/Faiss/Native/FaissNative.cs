using System.Runtime.InteropServices;

namespace JobRec.Vectors.Faiss.Native;

/// <summary>P/Invoke declarations for libjobrec_faiss.so (native/jobrec_faiss.h); call <see cref="FaissNativeLibrary.EnsureLoaded"/> first.</summary>
internal static unsafe partial class FaissNative
{
    /// <summary>Library name the resolver in <see cref="FaissNativeLibrary"/> maps to the built shim.</summary>
    public const string LibraryName = "jobrec_faiss";

    /// <summary>ABI version this binding was written against.</summary>
    public const int AbiVersion = 1;

    [LibraryImport(LibraryName, EntryPoint = "jr_abi_version")]
    public static partial int GetAbiVersion();

    [LibraryImport(LibraryName, EntryPoint = "jr_last_error")]
    public static partial nint LastError();

    [LibraryImport(LibraryName, EntryPoint = "jr_set_num_threads")]
    public static partial FaissStatus SetNumThreads(int n);

    [LibraryImport(LibraryName, EntryPoint = "jr_get_num_threads")]
    public static partial int GetNumThreads();

    [LibraryImport(LibraryName, EntryPoint = "jr_index_new_flat")]
    public static partial FaissStatus IndexNewFlat(int dimension, out FaissIndexHandle index);

    [LibraryImport(LibraryName, EntryPoint = "jr_index_new_hnsw")]
    public static partial FaissStatus IndexNewHnsw(int dimension, int m, int efConstruction, int efSearch, out FaissIndexHandle index);

    [LibraryImport(LibraryName, EntryPoint = "jr_index_new_ivf")]
    public static partial FaissStatus IndexNewIvf(int dimension, int nlist, int nprobe, out FaissIndexHandle index);

    [LibraryImport(LibraryName, EntryPoint = "jr_index_free")]
    public static partial void IndexFree(nint index);

    [LibraryImport(LibraryName, EntryPoint = "jr_index_info_get")]
    public static partial FaissStatus IndexInfo(FaissIndexHandle index, out NativeIndexInfo info);

    [LibraryImport(LibraryName, EntryPoint = "jr_index_set_search_params")]
    public static partial FaissStatus IndexSetSearchParams(FaissIndexHandle index, int efSearch, int nprobe);

    [LibraryImport(LibraryName, EntryPoint = "jr_index_train")]
    public static partial FaissStatus IndexTrain(FaissIndexHandle index, long n, float* vectors);

    [LibraryImport(LibraryName, EntryPoint = "jr_index_add")]
    public static partial FaissStatus IndexAdd(FaissIndexHandle index, long n, float* vectors, long* ids);

    [LibraryImport(LibraryName, EntryPoint = "jr_index_remove")]
    public static partial FaissStatus IndexRemove(FaissIndexHandle index, long n, long* ids, out long removed);

    [LibraryImport(LibraryName, EntryPoint = "jr_index_search")]
    public static partial FaissStatus IndexSearch(FaissIndexHandle index, long n, float* queries, long k, float* scores, long* ids);

    [LibraryImport(LibraryName, EntryPoint = "jr_index_serialize")]
    public static partial FaissStatus IndexSerialize(FaissIndexHandle index, out nint buffer, out byte* data, out long length);

    [LibraryImport(LibraryName, EntryPoint = "jr_buffer_free")]
    public static partial void BufferFree(nint buffer);

    [LibraryImport(LibraryName, EntryPoint = "jr_index_read_file", StringMarshalling = StringMarshalling.Utf8)]
    public static partial FaissStatus IndexReadFile(string path, long offset, long length, out FaissIndexHandle index);

    /// <summary>Throws the managed exception matching a non-OK status, with the shim's message and the operation that failed.</summary>
    public static void Check(FaissStatus status, string operation)
    {
        if (status == FaissStatus.Ok)
        {
            return;
        }

        var message = $"{operation} failed: {Marshal.PtrToStringUTF8(LastError()) ?? "(no message)"}";
        throw status switch
        {
            FaissStatus.InvalidArgument => new ArgumentException(message),
            FaissStatus.InvalidState => new InvalidOperationException(message),
            FaissStatus.OutOfMemory => new InsufficientMemoryException(message),
            FaissStatus.IoError => new InvalidDataException(message),
            _ => new FaissException(status.ToString(), message),
        };
    }
}
