using JobRec.Data.Model;
using JobRec.Data.Readers.Arshkon;
using JobRec.Data.Readers.Dice;
using JobRec.Data.Readers.Esco;
using JobRec.Data.Readers.JobViews;
using JobRec.Data.Readers.LinkedIn;
using JobRec.Data.Readers.Onet;

namespace JobRec.Data.Tests.Readers;

public class RealFileReaderTests
{
    [Fact]
    public void LinkedIn2024_reads_every_posting_with_fields_and_region()
    {
        var r = ReadResult.Of(new LinkedIn2024Source([SharedData.File("linkedin_asaniczka_2024_sample")]));
        Assert.Equal(7523, r.Jobs.Count);
        Assert.Equal(0, r.Report.Rejected);
        var first = r.Jobs[0];
        Assert.Equal("li:3802078767", first.Id);
        Assert.Equal("Account Executive - Dispensing (NorCal/Northern Nevada) - Becton Dickinson", first.Title);
        Assert.Equal("BD", first.Company);
        Assert.Equal("San Diego, CA", first.Location);
        Assert.Equal("CA", first.Region);
        Assert.Equal("mid-senior", first.Level);
        Assert.Equal(new DateTimeOffset(2024, 1, 15, 0, 0, 0, TimeSpan.Zero), first.PostedAt);
        Assert.Equal("MI", r.Jobs[1].Region);
        // 6,469 rows are US searches; nearly all of them name a state (the rest are UK, Canada, Australia).
        Assert.InRange(r.Jobs.Count(j => j.Region.Length == 2), 6350, 6469 + 20);
        // Two links (different slugs) carry the same LinkedIn job id 3791763493: one job, upserted twice.
        Assert.Equal(7522, r.Jobs.Select(j => j.Id).Distinct().Count());
    }

    [Fact]
    public void LinkedIn2024_joins_skills_on_job_link_when_files_overlap()
    {
        using var temp = new TempFolder();
        // The shared sample's two files do not overlap, so build an overlapping job_skills.csv from the real postings.
        var postings = SharedData.File("linkedin_asaniczka_2024_sample", "linkedin_job_postings.csv");
        var link = "https://www.linkedin.com/jobs/view/registered-nurse-rn-care-manager-at-trinity-health-mi-3803386312";
        temp.File("job_skills.csv", $"job_link,job_skills\n{link},\"Nursing, Care Management, Patient Advocacy\"\n");
        temp.File("job_summary.csv", $"job_link,job_summary\n{link},\"Coordinates care.\nSecond line.\"\n");
        File.Copy(postings, Path.Combine(temp.Path, "linkedin_job_postings.csv"));
        var r = ReadResult.Of(new LinkedIn2024Source([temp.Path]));
        var nurse = Assert.Single(r.Jobs, j => j.Id == "li:3803386312");
        Assert.Equal(["Nursing", "Care Management", "Patient Advocacy"], nurse.Skills);
        Assert.Equal("Coordinates care.\nSecond line.", nurse.Description);
        Assert.Equal(1, r.Jobs.Count(j => j.Skills.Count > 0));
    }

    [Fact]
    public void Arshkon_reads_postings_with_descriptions_and_yearly_salaries()
    {
        var r = ReadResult.Of(new ArshkonPostingsSource([SharedData.File("linkedin_arshkon_2024_sample")]));
        Assert.Equal(165, r.Jobs.Count);
        Assert.Equal(0, r.Report.Rejected);
        var first = r.Jobs[0];
        Assert.Equal("arshkon:3902356107", first.Id);
        Assert.Equal("Senior Product Manager - HTS Connect", first.Title);
        Assert.Equal("Hopper", first.Company);
        Assert.Equal("NY", first.Region);
        Assert.Equal(250000m, first.SalaryMin);
        Assert.Equal(350000m, first.SalaryMax);
        Assert.True(first.Remote);
        Assert.Equal("mid-senior", first.Level);
        Assert.Equal("full-time", first.EmploymentType);
        Assert.StartsWith("About The Job", first.Description);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1713540000000), first.PostedAt);
    }

    [Fact]
    public void Dice_joins_descriptions_and_drops_placeholder_skills()
    {
        var r = ReadResult.Of(new DiceSource([SharedData.File("dice_jobs_2016")]));
        Assert.Equal(22000, r.Jobs.Count);
        Assert.Equal(0, r.Report.Rejected);
        var security = r.Jobs.Single(j => j.Id == "dice:3");
        Assert.Equal("Information Security Engineer", security.Title);
        Assert.Equal(["linux/unix", "network monitoring", "incident response", "systems administration", "security accessment"], security.Skills);
        Assert.Equal("associate", security.Level);
        var automation = r.Jobs.Single(j => j.Id == "dice:2");
        Assert.Empty(automation.Skills); // "SEE BELOW"
        Assert.StartsWith("Looking for Selenium engineers", automation.Description);
        Assert.InRange(r.Jobs.Count(j => j.Description.Length > 0), 600, 658);
    }

    [Fact]
    public void JobViews_reads_users_jobs_and_view_interactions()
    {
        var r = ReadResult.Of(new JobViewsSource([SharedData.File("job_views_interactions")]));
        Assert.Equal(10099, r.Interactions.Count);
        Assert.All(r.Interactions, i => Assert.Equal(InteractionKind.View, i.Kind));
        Assert.Equal(r.Users.Count, r.Users.Select(u => u.Id).Distinct().Count());
        Assert.Equal(r.Jobs.Count, r.Jobs.Select(j => j.Id).Distinct().Count());
        var first = r.Interactions[0];
        Assert.Equal(("jv:10000", "jv:96655"), (first.UserId, first.JobId));
        Assert.Equal(new DateTimeOffset(2014, 12, 12, 20, 8, 50, TimeSpan.Zero), first.Time);
        var job = r.Jobs.Single(j => j.Id == "jv:96655");
        Assert.Equal("NY", job.Region);
        Assert.Equal("Macy's", job.Company);
        var user = r.Users.Single(u => u.Id == "jv:10001");
        Assert.Equal("WA", user.Region);
        Assert.Contains("Machine Operator", user.PastTitles);
        Assert.Equal("Account Manager / Sales Administration / Quality Assurance", user.PastTitles[0]);
        var server = r.Users.Single(u => u.Id == "jv:10007");
        Assert.Equal(["Server", "Bartender"], server.DesiredTitles);
        Assert.True(r.Users.Count >= 3790);
        var userIds = r.Users.Select(u => u.Id).ToHashSet();
        var jobIds = r.Jobs.Select(j => j.Id).ToHashSet();
        Assert.All(r.Interactions, i => Assert.True(userIds.Contains(i.UserId) && jobIds.Contains(i.JobId)));
    }

    [Fact]
    public void Onet_reads_occupations_with_alternate_titles_and_technology_skills()
    {
        var r = ReadResult.Of(new OnetSource([SharedData.File("onet")]));
        Assert.InRange(r.Occupations.Count, 1015, 1016);
        Assert.Equal(0, r.Report.Rejected);
        var ceo = r.Occupations.Single(o => o.Code == "11-1011.00");
        Assert.Equal("Chief Executives", ceo.Title);
        Assert.Contains("Chief Financial Officer (CFO)", ceo.AlternateTitles);
        Assert.Contains(r.Skills, s => s.Name == "Atlassian JIRA" && s.ExternalId == "43232201");
        Assert.Equal(r.Skills.Count, r.Skills.Select(s => s.Name.ToLowerInvariant()).Distinct().Count());
    }

    [Fact]
    public void Onet_reads_the_official_layout_with_spaced_headers()
    {
        using var temp = new TempFolder();
        temp.File("Occupation Data.txt", "O*NET-SOC Code\tTitle\tDescription\n15-1252.00\tSoftware Developers\tResearch, design, and develop software.\n");
        temp.File("Alternate Titles.txt", "O*NET-SOC Code\tTitle\tAlternate Title\tShort Title\tSource(s)\n15-1252.00\tSoftware Developers\tApplication Developer\tn/a\t09\n15-1252.00\tSoftware Developers\tJava Developer\tn/a\t09\n");
        temp.File("Technology Skills.txt", "O*NET-SOC Code\tTitle\tExample\tCommodity Code\tCommodity Title\tHot Technology\tIn Demand\n15-1252.00\tSoftware Developers\tPython\t43232403\tDevelopment environment software\tY\tY\n");
        var r = ReadResult.Of(new OnetSource([temp.Path]));
        var dev = Assert.Single(r.Occupations);
        Assert.Equal(("15-1252.00", "Software Developers"), (dev.Code, dev.Title));
        Assert.Equal(["Application Developer", "Java Developer"], dev.AlternateTitles);
        Assert.Equal("Python", Assert.Single(r.Skills).Name);
    }

    [Fact]
    public void Esco_reads_occupations_and_skill_collections()
    {
        var r = ReadResult.Of(new EscoSource([SharedData.File("esco")]));
        Assert.Equal(2942, r.Occupations.Count);
        Assert.Equal(0, r.Report.Rejected);
        var director = r.Occupations.Single(o => o.Code == "http://data.europa.eu/esco/occupation/00030d09-2b3a-4efd-87cc-c4ea39d27c34");
        Assert.Equal("technical director", director.Title);
        Assert.Contains("head of technical", director.AlternateTitles);
        Assert.Equal(6, director.AlternateTitles.Count);
        Assert.Equal("esco", director.Taxonomy);
        var advice = r.Skills.Single(s => s.Name == "give advice to others");
        Assert.Contains("counsel others", advice.Aliases);
        Assert.InRange(r.Skills.Count, 400, 21 + 107 + 345);
    }
}
