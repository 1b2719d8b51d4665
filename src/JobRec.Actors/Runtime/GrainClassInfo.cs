using System.Reflection;
using JobRec.Actors.Invocation;

namespace JobRec.Actors.Runtime;

/// <summary>A registered grain class: its grain type name, the grain interfaces it implements and its activation policy.</summary>
public sealed class GrainClassInfo
{
    internal GrainClassInfo(Type grainClass)
    {
        if (!typeof(Grain).IsAssignableFrom(grainClass) || grainClass.IsAbstract || grainClass.IsGenericTypeDefinition)
        {
            throw new ArgumentException($"{grainClass.FullName} is not a grain class: it must be a concrete, non-generic class deriving from Grain.", nameof(grainClass));
        }

        GrainClass = grainClass;
        GrainType = grainClass.FullName ?? grainClass.Name;
        MaxLocalWorkers = grainClass.GetCustomAttribute<StatelessWorkerAttribute>()?.MaxLocalWorkers;
        Interfaces = grainClass.GetInterfaces()
            .Where(i => typeof(IGrainWithStringKey).IsAssignableFrom(i) && i != typeof(IGrainWithStringKey))
            .Select(GrainInterfaceInfo.Get)
            .ToArray();
    }

    /// <summary>The grain class.</summary>
    public Type GrainClass { get; }

    /// <summary>The grain type name in grain ids (the class's full name).</summary>
    public string GrainType { get; }

    /// <summary>The pool size for [StatelessWorker] classes; null for single-activation grains.</summary>
    public int? MaxLocalWorkers { get; }

    /// <summary>Whether the class is a stateless worker.</summary>
    public bool IsStatelessWorker => MaxLocalWorkers is not null;

    /// <summary>The grain interfaces the class implements.</summary>
    public IReadOnlyList<GrainInterfaceInfo> Interfaces { get; }
}
