using System.Collections.Concurrent;
using System.Reflection;

namespace JobRec.Actors.Invocation;

/// <summary>Metadata of one grain interface: its wire name and its methods in a stable order, built once per interface type.</summary>
public sealed class GrainInterfaceInfo
{
    private static readonly ConcurrentDictionary<Type, GrainInterfaceInfo> Cache = new();
    private readonly Dictionary<MethodInfo, GrainMethod> _byMethod = new();
    private readonly Dictionary<string, GrainMethod> _bySignature = new(StringComparer.Ordinal);

    private GrainInterfaceInfo(Type interfaceType)
    {
        InterfaceType = interfaceType;
        Name = interfaceType.FullName ?? interfaceType.Name;
        var methods = new[] { interfaceType }.Concat(interfaceType.GetInterfaces())
            .Where(i => i != typeof(IGrain) && i != typeof(IGrainWithStringKey))
            .SelectMany(i => i.GetMethods())
            .Where(m => !m.IsStatic)
            .ToList();
        foreach (var m in methods)
        {
            if (m.IsGenericMethodDefinition)
            {
                throw new ArgumentException($"Grain interface method {Name}.{m.Name} is generic; grain methods cannot be generic.");
            }

            if (m.GetParameters().FirstOrDefault(p => p.ParameterType.IsByRef) is { } byRef)
            {
                throw new ArgumentException($"Grain interface method {Name}.{m.Name} has ref/out parameter '{byRef.Name}'; grain methods take values only.");
            }

            var signature = $"{(m.DeclaringType == interfaceType ? string.Empty : m.DeclaringType!.FullName + ":")}{m.Name}({string.Join(",", m.GetParameters().Select(p => p.ParameterType.FullName))})";
            var gm = new GrainMethod(this, m, signature);
            _byMethod.Add(m, gm);
            _bySignature.Add(signature, gm);
        }

        Methods = _bySignature.Values.OrderBy(m => m.Signature, StringComparer.Ordinal).ToArray();
    }

    /// <summary>The grain interface type.</summary>
    public Type InterfaceType { get; }

    /// <summary>The interface's full name, used on the wire.</summary>
    public string Name { get; }

    /// <summary>The methods, ordered by signature.</summary>
    public IReadOnlyList<GrainMethod> Methods { get; }

    /// <summary>Returns the metadata of <paramref name="interfaceType"/>, which must be an interface extending IGrainWithStringKey.</summary>
    public static GrainInterfaceInfo Get(Type interfaceType)
    {
        if (Cache.TryGetValue(interfaceType, out var info))
        {
            return info;
        }

        if (!interfaceType.IsInterface || !typeof(IGrainWithStringKey).IsAssignableFrom(interfaceType) || interfaceType == typeof(IGrainWithStringKey))
        {
            throw new ArgumentException($"{interfaceType.FullName} is not a grain interface: it must be an interface extending IGrainWithStringKey.", nameof(interfaceType));
        }

        return Cache.GetOrAdd(interfaceType, t => new GrainInterfaceInfo(t));
    }

    /// <summary>Returns the method for an interface MethodInfo.</summary>
    public GrainMethod GetMethod(MethodInfo method) =>
        _byMethod.TryGetValue(method, out var m) ? m : throw new ArgumentException($"{method.Name} is not a method of grain interface {Name}.");

    /// <summary>Returns the method with a wire signature, or null when the interface has none.</summary>
    public GrainMethod? FindMethod(string signature) => _bySignature.GetValueOrDefault(signature);
}
