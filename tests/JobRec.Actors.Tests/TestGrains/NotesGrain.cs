using JobRec.Actors.Storage;

namespace JobRec.Actors.Tests.TestGrains;

/// <summary>Injected IPersistentState{T}, as Orleans' [PersistentState] constructor parameter.</summary>
public sealed class NotesGrain : Grain, INotesGrain
{
    private readonly IPersistentState<List<string>> _notes;

    public NotesGrain([PersistentState("notes")] IPersistentState<List<string>> notes) => _notes = notes;

    public async Task Add(string note)
    {
        _notes.State.Add(note);
        await _notes.WriteStateAsync();
    }

    public Task<string[]> All() => Task.FromResult(_notes.State.ToArray());
}
