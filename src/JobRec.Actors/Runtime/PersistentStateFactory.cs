using System.Text.Json;
using JobRec.Actors.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace JobRec.Actors.Runtime;

/// <summary>Creates the persistent states of one activation, remembering them so the runtime reads them before OnActivateAsync.</summary>
internal sealed class PersistentStateFactory
{
    private readonly IServiceProvider _services;
    private readonly IFencingTokenSource _fencing;
    private readonly JsonSerializerOptions _json;

    public PersistentStateFactory(IServiceProvider services, IFencingTokenSource fencing, JsonSerializerOptions json)
    {
        _services = services;
        _fencing = fencing;
        _json = json;
    }

    public List<IPersistentStateLoader> Created { get; } = new();

    public IPersistentState<TState> Create<TState>(GrainId grainId, string stateName, string storageName)
        where TState : new()
    {
        var storage = _services.GetKeyedService<IGrainStorage>(storageName) ?? throw new InvalidOperationException(
            $"Grain {grainId} uses storage provider '{storageName}' but no IGrainStorage is registered under that name (AddSqliteGrainStorage / AddInMemoryGrainStorage).");
        var state = new PersistentState<TState>(new GrainStateKey(grainId, stateName), storage, _fencing, _json);
        Created.Add(state);
        return state;
    }
}
