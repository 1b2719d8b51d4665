using System.Collections.Concurrent;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using JobRec.Contracts;
using JobRec.Contracts.Security;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Runtime;

namespace JobRec.Grains.Hosting;

/// <summary>The silo's incoming grain call filter that separates gateway clients from the cluster's own callers.
/// <list type="bullet">
/// <item>Every call to a JobRec grain: the grain key is at most <see cref="ContractLimits.MaxIdLength"/> characters.</item>
/// <item>A call from a gateway client (its source is an Orleans client id other than a silo's hosted client; a call with no source counts as
/// one) may reach only the public methods of the JobRec.Contracts interfaces and Orleans' system targets, unless it carries the operator
/// key (<see cref="GrainCallContextKeys.OperatorKey"/>) configured here: methods marked <see cref="InternalGrainMethodAttribute"/> and any
/// other grain (Orleans' management grain, the dashboard's) are refused with <see cref="GrainAccessDeniedException"/>.</item>
/// <item>An exception going back to a gateway client is replaced by one with the same kind and message and no stack trace, inner
/// exception or data: <see cref="ContractValidationException"/>, <see cref="ServingOverloadedException"/>,
/// <see cref="GrainNotFoundException"/>, else <see cref="RemoteGrainException"/> naming the original type. Calls from grains and from the
/// silo's HTTP API (the hosted client) keep their exceptions.</item>
/// </list>
/// The caller's identity is what the Orleans message says: a client that speaks the wire protocol itself can claim another source, so
/// against hostile clients the boundary is the gateway's TLS with client certificates; this filter keeps ordinary clients off the
/// internal methods and away from silo internals.</summary>
public sealed class GatewayCallGuard : IIncomingGrainCallFilter
{
    private const string HostedClientPrefix = "hosted-";
    private static readonly ConcurrentDictionary<MethodInfo, Access> Methods = new();
    private readonly byte[]? _operatorKey;
    private readonly ILogger<GatewayCallGuard> _logger;

    /// <summary>Creates the guard; <paramref name="operatorKey"/> null or empty: no gateway client may call internal methods.</summary>
    public GatewayCallGuard(string? operatorKey, ILogger<GatewayCallGuard> logger)
    {
        _operatorKey = string.IsNullOrEmpty(operatorKey) ? null : Encoding.UTF8.GetBytes(operatorKey);
        _logger = logger;
    }

    private enum Access
    {
        Public,
        Internal,
        Foreign,
    }

    /// <inheritdoc />
    public Task Invoke(IIncomingGrainCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.TargetId.IsSystemTarget())
        {
            return context.Invoke();
        }

        var access = Methods.GetOrAdd(context.InterfaceMethod, Classify);
        if (access != Access.Foreign)
        {
            CheckKey(context.TargetId);
        }

        if (!IsGatewayClient(context.SourceId))
        {
            return context.Invoke();
        }

        if (access != Access.Public && !CarriesOperatorKey())
        {
            var method = $"{context.InterfaceMethod.DeclaringType?.Name}.{context.InterfaceMethod.Name}";
            _logger.LogWarning("refused gateway client {Client} calling {Method} on {Grain} without the operator key", context.SourceId, method, context.TargetId);
            return Task.FromException(new GrainAccessDeniedException(method));
        }

        return InvokeForClientAsync(context);
    }

    /// <summary>Whether a call from <paramref name="source"/> came through a gateway (not from a grain, system target or hosted client).</summary>
    public static bool IsGatewayClient(GrainId? source) =>
        source is not { } id || (id.IsClient() && !id.Key.ToString().StartsWith(HostedClientPrefix, StringComparison.Ordinal));

    /// <summary>The exception a gateway client receives for <paramref name="exception"/>: same kind and message, no stack trace.</summary>
    public static Exception Sanitize(Exception exception) => exception switch
    {
        ContractValidationException v => new ContractValidationException(v.Field, v.Problem),
        ServingOverloadedException o => new ServingOverloadedException(o.Message),
        GrainAccessDeniedException d => d,
        GrainNotFoundException n => n,
        KeyNotFoundException k => new GrainNotFoundException(k.Message),
        ArgumentException a => new ContractValidationException(a.ParamName ?? "argument", FirstLine(a.Message)),
        RemoteGrainException r => r,
        _ => new RemoteGrainException(exception.GetType().FullName ?? exception.GetType().Name, FirstLine(exception.Message)),
    };

    private static string FirstLine(string message)
    {
        var cut = message.AsSpan().IndexOfAny('\r', '\n');
        return cut < 0 ? message : message[..cut];
    }

    private static Access Classify(MethodInfo method)
    {
        var type = method.DeclaringType;
        if (type?.Namespace is not { } ns || !ns.StartsWith("JobRec.Contracts", StringComparison.Ordinal))
        {
            return Access.Foreign;
        }

        return method.IsDefined(typeof(InternalGrainMethodAttribute), false) || type.IsDefined(typeof(InternalGrainMethodAttribute), false)
            ? Access.Internal
            : Access.Public;
    }

    private static void CheckKey(GrainId target)
    {
        // The key's UTF-8 bytes are at least as many as its characters: only a long one is decoded to count them.
        var key = target.Key;
        if (key.AsSpan().Length > ContractLimits.MaxIdLength && key.ToString().Length > ContractLimits.MaxIdLength)
        {
            throw new ContractValidationException("grain key", $"is {key.ToString().Length} characters; at most {ContractLimits.MaxIdLength} allowed");
        }
    }

    private bool CarriesOperatorKey()
    {
        if (_operatorKey is null || RequestContext.Get(GrainCallContextKeys.OperatorKey) is not string given)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), _operatorKey);
    }

    private static async Task InvokeForClientAsync(IIncomingGrainCallContext context)
    {
        try
        {
            await context.Invoke().ConfigureAwait(true);
        }
        catch (Exception e)
        {
            throw Sanitize(e);
        }
    }
}
