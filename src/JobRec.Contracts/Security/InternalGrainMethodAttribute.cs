namespace JobRec.Contracts.Security;

/// <summary>Marks a grain interface method (or every method of an interface) as internal: called by other grains, the silo's own HTTP API
/// and trusted operator tools (bulk ingest), never by an ordinary client through a gateway. A silo refuses such a call from a gateway
/// client that does not carry the cluster's operator key (<see cref="GrainCallContextKeys.OperatorKey"/>) with
/// <see cref="GrainAccessDeniedException"/>.</summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Interface, AllowMultiple = false, Inherited = false)]
public sealed class InternalGrainMethodAttribute : Attribute;
