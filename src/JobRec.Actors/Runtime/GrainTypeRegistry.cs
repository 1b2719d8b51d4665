using System.Collections.Concurrent;
using System.Reflection;
using JobRec.Actors.Invocation;

namespace JobRec.Actors.Runtime;

/// <summary>Maps grain interfaces (by type or wire name) to the one grain class implementing each.</summary>
public sealed class GrainTypeRegistry
{
    private readonly ConcurrentDictionary<string, GrainClassInfo> _byInterfaceName = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, GrainClassInfo> _byGrainType = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, GrainInterfaceInfo> _interfaces = new(StringComparer.Ordinal);

    /// <summary>Creates a registry holding <paramref name="grainClasses"/>.</summary>
    public GrainTypeRegistry(IEnumerable<Type> grainClasses)
    {
        foreach (var type in grainClasses.Distinct())
        {
            Register(type);
        }
    }

    /// <summary>The registered grain classes.</summary>
    public IEnumerable<GrainClassInfo> GrainClasses => _byGrainType.Values;

    /// <summary>Returns the concrete grain classes in <paramref name="assembly"/>.</summary>
    public static IEnumerable<Type> FindGrainClasses(Assembly assembly) =>
        assembly.GetTypes().Where(t => t.IsClass && !t.IsAbstract && !t.IsGenericTypeDefinition && typeof(Grain).IsAssignableFrom(t));

    /// <summary>Returns the grain class implementing <paramref name="grainInterface"/>, or throws <see cref="UnknownGrainInterfaceException"/>.</summary>
    public GrainClassInfo Resolve(GrainInterfaceInfo grainInterface) => Resolve(grainInterface.Name);

    /// <summary>Returns the grain class implementing the interface with wire name <paramref name="interfaceName"/>, or throws <see cref="UnknownGrainInterfaceException"/>.</summary>
    public GrainClassInfo Resolve(string interfaceName) =>
        _byInterfaceName.TryGetValue(interfaceName, out var info)
            ? info
            : throw new UnknownGrainInterfaceException(
                $"Unknown grain interface '{interfaceName}': no registered grain class implements it (register its assembly with AddGrainsFromAssembly).");

    /// <summary>Returns the grain interface with wire name <paramref name="interfaceName"/>, or throws <see cref="UnknownGrainInterfaceException"/>.</summary>
    public GrainInterfaceInfo ResolveInterface(string interfaceName)
    {
        Resolve(interfaceName);
        return _interfaces[interfaceName];
    }

    /// <summary>Returns the grain class with grain type name <paramref name="grainType"/>, or null.</summary>
    public GrainClassInfo? FindByGrainType(string grainType) => _byGrainType.GetValueOrDefault(grainType);

    private void Register(Type grainClass)
    {
        var info = new GrainClassInfo(grainClass);
        _byGrainType[info.GrainType] = info;
        foreach (var iface in info.Interfaces)
        {
            _interfaces[iface.Name] = iface;
            if (!_byInterfaceName.TryAdd(iface.Name, info) && _byInterfaceName[iface.Name] != info)
            {
                throw new InvalidOperationException(
                    $"Grain interface {iface.Name} is implemented by both {_byInterfaceName[iface.Name].GrainType} and {info.GrainType}; each grain interface must have one grain class.");
            }
        }
    }
}
