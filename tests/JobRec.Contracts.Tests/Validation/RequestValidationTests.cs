using JobRec.Contracts;
using JobRec.Contracts.Interactions;
using JobRec.Contracts.Jobs;
using JobRec.Contracts.Search;
using JobRec.Contracts.Users;

namespace JobRec.Contracts.Tests.Validation;

/// <summary>The request bounds every entry point (HTTP, SDK, grains) applies: each rejection names the field and stays on one line.</summary>
public sealed class RequestValidationTests
{
    private static readonly JobInput GoodJob = new() { Title = "Nurse", Skills = ["triage"], PostedAt = new DateTimeOffset(2024, 1, 2, 0, 0, 0, TimeSpan.Zero) };

    [Fact]
    public void Ids_at_the_length_limit_pass_and_longer_empty_or_slashed_ids_name_the_field()
    {
        RequestValidation.Id("userId", new string('u', ContractLimits.MaxIdLength));

        var tooLong = Assert.Throws<ContractValidationException>(() => RequestValidation.Id("userId", new string('u', ContractLimits.MaxIdLength + 1)));
        Assert.Equal("userId", tooLong.Field);
        Assert.Contains($"{ContractLimits.MaxIdLength + 1}", tooLong.Message, StringComparison.Ordinal);

        Assert.Equal("jobId", Assert.Throws<ContractValidationException>(() => RequestValidation.Id("jobId", " ")).Field);
        var slash = Assert.Throws<ContractValidationException>(() => RequestValidation.Id("jobId", "a/b"));
        Assert.Contains("offset 1", slash.Message, StringComparison.Ordinal);
        Assert.Contains("offset 2", Assert.Throws<ContractValidationException>(() => RequestValidation.Id("jobId", "ab\ncd")).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(ContractLimits.MaxK, true)]
    [InlineData(ContractLimits.MaxK + 1, false)]
    [InlineData(-5, false)]
    public void K_must_lie_between_one_and_the_maximum(int k, bool valid)
    {
        var error = Record.Exception(() => RequestValidation.K("k", k));
        if (valid)
        {
            Assert.Null(error);
        }
        else
        {
            Assert.Equal("k", Assert.IsType<ContractValidationException>(error).Field);
        }
    }

    [Fact]
    public void A_job_names_its_first_bad_field()
    {
        RequestValidation.Job(GoodJob);
        Assert.Equal("body", Field(() => RequestValidation.Job(null)));
        Assert.Equal("title", Field(() => RequestValidation.Job(GoodJob with { Title = "  " })));
        Assert.Equal("title", Field(() => RequestValidation.Job(GoodJob with { Title = new string('t', ContractLimits.MaxTitleLength + 1) })));
        Assert.Equal("company", Field(() => RequestValidation.Job(GoodJob with { Company = null! })));
        Assert.Equal("description", Field(() => RequestValidation.Job(GoodJob with { Description = new string('d', ContractLimits.MaxDescriptionLength + 1) })));
        Assert.Equal("skills[1]", Field(() => RequestValidation.Job(GoodJob with { Skills = ["ok", ""] })));
        Assert.Equal("skills", Field(() => RequestValidation.Job(GoodJob with { Skills = Enumerable.Repeat("s", ContractLimits.MaxSkills + 1).ToArray() })));
        Assert.Equal("closesAt", Field(() => RequestValidation.Job(GoodJob with { ClosesAt = GoodJob.PostedAt!.Value.AddDays(-1) })));
        Assert.Equal("postedAt", Field(() => RequestValidation.Job(GoodJob with { PostedAt = ContractLimits.EarliestTime.AddTicks(-1) })));
    }

    [Fact]
    public void Times_before_1990_or_more_than_a_day_ahead_are_rejected()
    {
        RequestValidation.Time("time", null);
        RequestValidation.Time("time", ContractLimits.EarliestTime);
        RequestValidation.Time("time", DateTimeOffset.UtcNow); // any clock skew within a day is allowed
        var ahead = Assert.Throws<ContractValidationException>(() => RequestValidation.Time("time", DateTimeOffset.UtcNow.AddDays(2)));
        Assert.Equal("time", ahead.Field);
        Assert.DoesNotContain('\n', ahead.Message);
    }

    [Fact]
    public void A_user_checks_its_texts_and_both_lists()
    {
        RequestValidation.User(new UserInput { ResumeText = "x", Skills = ["a"], DesiredTitles = ["nurse"] });
        Assert.Equal("body", Field(() => RequestValidation.User(null)));
        Assert.Equal("resumeText", Field(() => RequestValidation.User(new UserInput { ResumeText = new string('r', ContractLimits.MaxDescriptionLength + 1) })));
        Assert.Equal("desiredTitles[0]", Field(() => RequestValidation.User(new UserInput { DesiredTitles = [new string('t', ContractLimits.MaxShortFieldLength + 1)] })));
        Assert.Equal("skills", Field(() => RequestValidation.User(new UserInput { Skills = null! })));
    }

    [Fact]
    public void An_interaction_needs_a_job_a_defined_kind_and_a_valid_request_id()
    {
        RequestValidation.Interaction(new InteractionInput("job-1", InteractionKind.Apply, RequestId: "r-1"));
        Assert.Equal("body", Field(() => RequestValidation.Interaction(null)));
        Assert.Equal("jobId", Field(() => RequestValidation.Interaction(new InteractionInput("", InteractionKind.View))));
        var kind = Assert.Throws<ContractValidationException>(() => RequestValidation.Interaction(new InteractionInput("job-1", (InteractionKind)42)));
        Assert.Equal("kind", kind.Field);
        Assert.Contains("42", kind.Message, StringComparison.Ordinal);
        Assert.Equal("requestId", Field(() => RequestValidation.Interaction(new InteractionInput("job-1", InteractionKind.View, RequestId: "a/b"))));
        Assert.Equal("time", Field(() => RequestValidation.Interaction(new InteractionInput("job-1", InteractionKind.View, new DateTimeOffset(1980, 1, 1, 0, 0, 0, TimeSpan.Zero)))));
    }

    [Fact]
    public void A_search_needs_a_query_within_bounds_and_checks_its_filters()
    {
        RequestValidation.Search(new SearchRequest("nurse", 10, new SearchFilters { Region = "CA" }));
        Assert.Equal("body", Field(() => RequestValidation.Search(null)));
        Assert.Equal("query", Field(() => RequestValidation.Search(new SearchRequest(" "))));
        Assert.Equal("query", Field(() => RequestValidation.Search(new SearchRequest(new string('q', ContractLimits.MaxQueryLength + 1)))));
        Assert.Equal("k", Field(() => RequestValidation.Search(new SearchRequest("nurse", ContractLimits.MaxK + 1))));
        Assert.Equal("filters.onetPrefix", Field(() => RequestValidation.Search(new SearchRequest("nurse", 5, new SearchFilters { OnetPrefix = null! }))));
    }

    [Fact]
    public void The_exception_message_starts_with_the_field_and_keeps_the_problem_apart()
    {
        var e = new ContractValidationException("skills[3]", "must be a non-empty string");
        Assert.Equal("skills[3]: must be a non-empty string", e.Message);
        Assert.Equal("must be a non-empty string", e.Problem);
        Assert.IsAssignableFrom<ArgumentException>(e);
    }

    private static string Field(Action check) => Assert.Throws<ContractValidationException>(check).Field;
}
