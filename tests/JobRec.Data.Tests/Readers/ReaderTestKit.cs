using JobRec.Data.Model;
using JobRec.Data.Reading;

namespace JobRec.Data.Tests.Readers;

/// <summary>Reads a whole source into lists for assertions.</summary>
internal sealed record ReadResult(List<JobPosting> Jobs, List<UserProfile> Users, List<Interaction> Interactions, List<Occupation> Occupations, List<Skill> Skills, ReadReport Report)
{
    public static ReadResult Of(IDataSource source)
    {
        var report = new ReadReport();
        var r = new ReadResult([], [], [], [], [], report);
        foreach (var item in source.Read(report))
        {
            if (item.Job is { } j) r.Jobs.Add(j);
            else if (item.User is { } u) r.Users.Add(u);
            else if (item.Interaction is { } i) r.Interactions.Add(i);
            else if (item.Occupation is { } o) r.Occupations.Add(o);
            else if (item.Skill is { } s) r.Skills.Add(s);
        }
        return r;
    }
}
