using System.Linq.Expressions;
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
        var proxy = Factory<TGrainInterface>.New();
        proxy._reference = reference;
        proxy._invoker = invoker;
        return (TGrainInterface)(object)proxy;
    }

    /// <summary>A constructor call for the proxy type DispatchProxy generated for <paramref name="grainInterface"/>: DispatchProxy.Create
    /// looks the type up and instantiates it by reflection on every call, and references are made for nearly every grain call.</summary>
    private static Func<GrainProxy> FactoryFor(Type grainInterface)
    {
        // The generated type takes the interface's MethodInfo table (the same array for every instance) in its constructor; keep the
        // plain path for any other shape a later runtime generates.
        var sample = Create(grainInterface, typeof(GrainProxy));
        var type = sample.GetType();
        const BindingFlags instance = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance;
        var constructors = type.GetConstructors(instance);
        if (constructors is [var only] && only.GetParameters() is [var parameter]
            && type.GetFields(instance).SingleOrDefault(f => f.FieldType == parameter.ParameterType) is { } table)
        {
            return Expression.Lambda<Func<GrainProxy>>(Expression.New(only, Expression.Constant(table.GetValue(sample), parameter.ParameterType))).Compile();
        }

        if (type.GetConstructor(instance, Type.EmptyTypes) is { } parameterless)
        {
            return Expression.Lambda<Func<GrainProxy>>(Expression.New(parameterless)).Compile();
        }

        return () => (GrainProxy)Create(grainInterface, typeof(GrainProxy));
    }

    /// <summary>Returns <c>Interface/key</c>.</summary>
    public override string ToString() => _reference?.ToString() ?? base.ToString()!;

    /// <inheritdoc />
    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        var method = _reference!.Interface.GetMethod(targetMethod!);
        return method.ProxyReturn(_invoker!.InvokeAsync(_reference, method, args ?? []));
    }

    private static class Factory<TGrainInterface>
    {
        public static readonly Func<GrainProxy> New = FactoryFor(typeof(TGrainInterface));
    }
}
