using System.Reflection;

namespace JobRec.Actors.Invocation;

/// <summary>The DispatchProxy behind every typed grain reference: it hands each call to an <see cref="IGrainCallInvoker"/>.</summary>
public class GrainProxy : DispatchProxy
{
    private GrainReference? _reference;
    private IGrainCallInvoker? _invoker;

    /// <summary>The grain this proxy calls.</summary>
    public GrainReference Reference => _reference!;

    /// <summary>Creates a typed reference to <paramref name="reference"/> whose calls go to <paramref name="invoker"/>.</summary>
    public static TGrainInterface Create<TGrainInterface>(GrainReference reference, IGrainCallInvoker invoker)
    {
        var proxy = (GrainProxy)Create(typeof(TGrainInterface), typeof(GrainProxy));
        proxy._reference = reference;
        proxy._invoker = invoker;
        return (TGrainInterface)(object)proxy;
    }

    /// <summary>Returns <c>Interface/key</c>.</summary>
    public override string ToString() => _reference?.ToString() ?? base.ToString()!;

    /// <inheritdoc />
    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        var method = _reference!.Interface.GetMethod(targetMethod!);
        return method.ProxyReturn(_invoker!.InvokeAsync(_reference, method, args ?? []));
    }
}
