namespace JobRec.Vectors.Faiss;

/// <summary>FAISS itself reported an error (a faiss::FaissException or another C++ exception caught by the shim).</summary>
public sealed class FaissException : Exception
{
    /// <summary>Creates the exception with the shim's status name and message.</summary>
    public FaissException(string status, string message)
        : base(message)
    {
        Status = status;
    }

    /// <summary>Name of the native status code, e.g. FaissError.</summary>
    public string Status { get; }
}
