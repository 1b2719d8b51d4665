using System.Text;
using JobRec.Grains.Jobs;
using JobRec.Grains.Users;
using JobRec.OrleansExtensions.Storage;

namespace JobRec.Grains.Tests.Inference;

/// <summary>Job and user state stored before skill extraction existed still loads (no extracted skills), and the new fields round-trip.</summary>
public sealed class SkillStateCompatibilityTests
{
    [Fact]
    public void Job_state_without_extracted_skills_loads_and_the_new_fields_round_trip()
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
    public void User_state_without_extracted_skills_loads()
    {
        const string stored = """{"Profile":{"ResumeText":"I nurse","Skills":["Nursing"]},"Interactions":[],"InteractionCount":0,"Version":4}""";
        var state = GrainStateJson.Deserialize<UserState>(Encoding.UTF8.GetBytes(stored), "user/x", "state", 1);
        Assert.Equal(4, state.Version);
        Assert.Empty(state.ExtractedSkills);
    }
}

/// <summary>Host settings of skill extraction.</summary>
public sealed class SkillExtractionConfigurationTests
{
    [Fact]
    public void Settings_set_the_import_mode_and_limits_and_bad_values_are_named()
    {
        var settings = new Dictionary<string, string?> { ["JOBREC_SKILL_IMPORT"] = "dictionary", ["JOBREC_SKILL_IMPORT_CHARS"] = "500" };
        var options = JobRec.Grains.Inference.SkillExtractionConfiguration.Apply(new JobRec.Grains.Hosting.ServingOptions(), settings.GetValueOrDefault);
        Assert.Equal(JobRec.Grains.Hosting.SkillImportMode.Dictionary, options.SkillImport);
        Assert.Equal(500, options.SkillImportCharacters);
        Assert.Equal(10_000, options.SkillUpsertCharacters);

        settings["JOBREC_SKILL_IMPORT"] = "sometimes";
        var e = Assert.Throws<FormatException>(() => JobRec.Grains.Inference.SkillExtractionConfiguration.Apply(new JobRec.Grains.Hosting.ServingOptions(), settings.GetValueOrDefault));
        Assert.Contains("JOBREC_SKILL_IMPORT='sometimes'", e.Message);
        settings["JOBREC_SKILL_IMPORT"] = "off";
        settings["JOBREC_SKILL_UPSERT_CHARS"] = "-1";
        Assert.Contains("JOBREC_SKILL_UPSERT_CHARS", Assert.Throws<FormatException>(() => JobRec.Grains.Inference.SkillExtractionConfiguration.Apply(new JobRec.Grains.Hosting.ServingOptions(), settings.GetValueOrDefault)).Message);

        var none = JobRec.Grains.Inference.SkillExtractionConfiguration.From(new Dictionary<string, string?> { ["JOBREC_SKILL_TAGGER"] = "none" }.GetValueOrDefault);
        Assert.Equal("dictionary", none.Model);
        Assert.Contains("JOBREC_SKILL_TAGGER=none", none.Description);
    }
}
