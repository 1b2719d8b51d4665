using Orleans;

namespace JobRec.OrleansExtensions.Tests.TestGrains;

/// <summary>Grain&lt;TState&gt; on the default storage: state read before activation, written per call.</summary>
public sealed class ProfileGrain : Grain<ProfileGrain.ProfileState>, IProfileGrain
{
    public async Task<int> Visit(string tag)
    {
        State.Visits++;
        State.Tags.Add(tag);
        await WriteStateAsync();
        return State.Visits;
    }

    public Task<ProfileView> Read() => Task.FromResult(new ProfileView(State.Visits, State.Tags.ToList()));

    /// <summary>No Orleans serializer attributes: the JobRec stores write System.Text.Json.</summary>
    public sealed class ProfileState
    {
        public int Visits { get; set; }

        public List<string> Tags { get; set; } = [];
    }
}
