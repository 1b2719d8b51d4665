using System.Reflection;
using System.Text.Json;
using JobRec.Actors.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace JobRec.Actors.Runtime;

/// <summary>Creates grain instances: constructor parameters come from the silo's services, [PersistentState] parameters get their state.</summary>
internal sealed class GrainActivator
{
    private static readonly MethodInfo CreateStateMethod = typeof(PersistentStateFactory).GetMethod(nameof(PersistentStateFactory.Create))!;
    private readonly IServiceProvider _services;
    private readonly IFencingTokenSource _fencing;
    private readonly JsonSerializerOptions _json;

    public GrainActivator(IServiceProvider services, IFencingTokenSource fencing, JsonSerializerOptions json)
    {
        _services = services;
        _fencing = fencing;
        _json = json;
    }

    public (Grain Grain, IReadOnlyList<IPersistentStateLoader> States) Create(GrainClassInfo grainClass, IGrainContext context)
    {
        var states = new PersistentStateFactory(_services, _fencing, _json);
        var ctor = grainClass.GrainClass.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault()
            ?? throw new InvalidOperationException($"Grain class {grainClass.GrainType} has no public constructor.");
        var args = ctor.GetParameters().Select(p => Resolve(p, grainClass, context, states)).ToArray();
        var grain = (Grain)ctor.Invoke(args);
        grain.Attach(context);
        grain.InitializePersistentState(states);
        return (grain, states.Created);
    }

    private object? Resolve(ParameterInfo p, GrainClassInfo grainClass, IGrainContext context, PersistentStateFactory states)
    {
        if (p.GetCustomAttribute<PersistentStateAttribute>() is { } attr)
        {
            var t = p.ParameterType;
            if (!t.IsGenericType || t.GetGenericTypeDefinition() != typeof(IPersistentState<>))
            {
                throw new InvalidOperationException($"Parameter '{p.Name}' of {grainClass.GrainType} has [PersistentState] but type {t.Name}; it must be IPersistentState<T>.");
            }

            return CreateStateMethod.MakeGenericMethod(t.GetGenericArguments()[0]).Invoke(states, [context.GrainId, attr.StateName, attr.StorageName]);
        }

        if (p.ParameterType == typeof(IGrainFactory))
        {
            return context.GrainFactory;
        }

        return _services.GetService(p.ParameterType) ?? (p.HasDefaultValue ? p.DefaultValue : throw new InvalidOperationException(
            $"Cannot create grain {grainClass.GrainType}: constructor parameter '{p.Name}' of type {p.ParameterType.FullName} is not a registered service."));
    }
}
