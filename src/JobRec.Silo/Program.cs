namespace JobRec.Silo;

/// <summary>Silo host executable; the host composition lives in <c>SiloHost</c>.</summary>
public static class Program
{
    /// <summary>Runs a silo until it is stopped.</summary>
    public static int Main(string[] args) => 0;
}
