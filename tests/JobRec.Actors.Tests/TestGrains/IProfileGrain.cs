namespace JobRec.Actors.Tests.TestGrains;

public sealed class ProfileState
{
    public int Visits { get; set; }

    public List<string> Tags { get; set; } = new();
}

public interface IProfileGrain : IGrainWithStringKey
{
    Task<int> Visit(string tag);

    Task<ProfileState> Read();

    Task Deactivate();
}

public interface INotesGrain : IGrainWithStringKey
{
    Task Add(string note);

    Task<string[]> All();
}
