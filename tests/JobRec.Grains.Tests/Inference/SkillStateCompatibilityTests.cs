using System.Text;
using JobRec.Grains.Jobs;
using JobRec.Grains.Users;
using JobRec.OrleansExtensions.Storage;

namespace JobRec.Grains.Tests.Inference;

/// <summary>Job and user state stored before skill extraction existed still loads (no extracted skills), and the new fields round-trip.</summary>
public sealed class SkillStateCompatibilityTests
{
    [Fact]
    public void JobStateWithoutExtractedSkillsLoadsAndTheNewFieldsRoundTrip()
    {
        const string stored = """{"Posting":{"Title":"Nurse","Description":"Care for patients","Skills":["Nursing"]},"OnetCode":"29-1141.00","Views":3,"CoInteractions":{"j2":1}}""";
        var state = GrainStateJson.Deserialize<JobState>(Encoding.UTF8.GetBytes(stored), "job/x", "state", 1);
        Assert.Equal("Nurse", state.Posting!.Title);
        Assert.Equal(3, state.Views);
        Assert.Empty(state.ExtractedSkills);
        Assert.Equal("", state.SkillModel);

        state.ExtractedSkills = ["provide nursing care", "patient care"];
        state.SkillModel = "tagger";
        var again = GrainStateJson.Deserialize<JobState>(GrainStateJson.Serialize(state), "job/x", "state", 2);
        Assert.Equal(["provide nursing care", "patient care"], again.ExtractedSkills);
        Assert.Equal("tagger", again.SkillModel);
    }

    [Fact]
    public void UserStateWithoutExtractedSkillsLoads()
    {
        const string stored = """{"Profile":{"ResumeText":"I nurse","Skills":["Nursing"]},"Interactions":[],"InteractionCount":0,"Version":4}""";
        var state = GrainStateJson.Deserialize<UserState>(Encoding.UTF8.GetBytes(stored), "user/x", "state", 1);
        Assert.Equal(4, state.Version);
        Assert.Empty(state.ExtractedSkills);
    }
}
