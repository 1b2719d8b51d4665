namespace JobRec.Contracts.Security;

/// <summary>Names of the Orleans request-context entries JobRec reads on the silo.</summary>
public static class GrainCallContextKeys
{
    /// <summary>The operator key a trusted client (bulk ingest) sends with each call to reach <see cref="InternalGrainMethodAttribute"/> methods
    /// through a gateway; the silo compares it with its configured key in constant time. It travels in clear text unless the gateway link
    /// uses TLS.</summary>
    public const string OperatorKey = "jobrec.operator-key";
}
