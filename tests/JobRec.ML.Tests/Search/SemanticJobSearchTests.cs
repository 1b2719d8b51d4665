using JobRec.Data.Model;
using JobRec.ML.Search;
using JobRec.ML.Tests.Text;
using JobRec.Data.Reading;

namespace JobRec.ML.Tests.Search;

public sealed class SemanticJobSearchTests(UseLiteModelFixture model) : IClassFixture<UseLiteModelFixture>
{
    private static readonly JobPosting[] Jobs =
    [
        new("t:1", "Data Scientist - Credit Risk", "Bank", "New York, NY", "Build credit risk models with Python, machine learning and large language models.") { Region = "NY", Level = "mid-senior", EmploymentType = "full-time", Remote = true },
        new("t:2", "Registered Nurse ICU", "Hospital", "Austin, TX", "Provide intensive care nursing to patients.") { Region = "TX", Level = "entry", EmploymentType = "full-time" },
        new("t:3", "CDL Truck Driver", "Freight", "Dallas, TX", "Long haul routes, class A license required.") { Region = "TX", Level = "entry", EmploymentType = "contract" },
        new("t:4", "Machine Learning Engineer", "Startup", "Austin, TX", "Train and deploy NLP and LLM models in Python.") { Region = "TX", Level = "mid-senior", EmploymentType = "full-time" },
    ];

    [Fact]
    public void Ranks_the_matching_job_first_and_applies_filters()
    {
        var search = new SemanticJobSearch(Jobs, model.Encoder);
        Assert.Equal("t:1", search.Search("data scientist 6 years, LLMs, credit risk", 4)[0].Job.Id);
        Assert.Equal("t:2", search.Search("nurse", 1)[0].Job.Id);
        var texas = search.Search("machine learning python", 4, new JobSearchFilter(Location: "TX"));
        Assert.Equal("t:4", texas[0].Job.Id);
        Assert.DoesNotContain(texas, h => h.Job.Id == "t:1");
        Assert.Equal(["t:1"], search.Search("anything", 4, new JobSearchFilter(Remote: true)).Select(h => h.Job.Id));
        Assert.Equal(["t:3"], search.Search("driver", 4, new JobSearchFilter(EmploymentType: "Contract")).Select(h => h.Job.Id));
        Assert.Throws<ArgumentException>(() => search.Search(" ", 3));
    }

    [Fact]
    public void Loads_real_postings_from_a_data_folder()
    {
        var jobs = JobCorpus.Load(SharedData.File("linkedin_arshkon_2024_sample"));
        Assert.InRange(jobs.Count, 100, 200);
        Assert.All(jobs, j => Assert.False(string.IsNullOrWhiteSpace(j.Title)));
        Assert.Throws<DirectoryNotFoundException>(() => JobCorpus.Load("/nonexistent/jobs"));
    }
}
