using JobRec.Actors.Runtime;

namespace JobRec.Actors.Transport;

/// <summary>The fixed fields of a request frame; the serialized arguments follow them.</summary>
internal sealed record RequestHeader(long Id, RequestFlags Flags, int TimeoutMs, string InterfaceName, string MethodSignature, string Key, CallChain? Chain);
