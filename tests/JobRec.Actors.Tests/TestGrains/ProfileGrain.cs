namespace JobRec.Actors.Tests.TestGrains;

/// <summary>Grain{TState}: state read before activation, written per call.</summary>
public sealed class ProfileGrain : Grain<ProfileState>, IProfileGrain
{
    public async Task<int> Visit(string tag)
    {
        State.Visits++;
        State.Tags.Add(tag);
        await WriteStateAsync();
        return State.Visits;
    }

    public Task<ProfileState> Read() => Task.FromResult(State);

    public Task Deactivate()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
