using JobRec.Contracts;
using JobRec.Contracts.Interactions;
using JobRec.Contracts.Jobs;
using JobRec.Contracts.Search;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace JobRec.Contracts.Tests.Serialization;

/// <summary>Request types and the validation error cross the wire between client and silo with Orleans' serializer: every field must come back.</summary>
public sealed class WireRoundTripTests
{
    private static readonly Serializer Wire = new ServiceCollection()
        .AddSerializer(b => b.AddAssembly(typeof(JobInput).Assembly))
        .BuildServiceProvider()
        .GetRequiredService<Serializer>();

    [Fact]
    public void A_job_posting_keeps_every_field()
    {
        var job = new JobInput
        {
            Title = "Nurse", Company = "Mercy", Location = "Fresno", Region = "CA", Description = "care", Skills = ["triage", "iv"], Remote = true,
            Level = "senior", EmploymentType = "full-time", OnetCode = "29-1141.00", Source = "test",
            PostedAt = new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.FromHours(-7)), ClosesAt = new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero),
        };
        var copy = RoundTrip(job);
        Assert.Equal(job with { Skills = copy.Skills }, copy);
        Assert.Equal(job.Skills, copy.Skills);
    }

    [Fact]
    public void Search_and_interaction_requests_keep_every_field()
    {
        var search = new SearchRequest("nurse", 7, new SearchFilters { Region = "CA", RemoteOnly = true, IncludeRemote = true, OnetPrefix = "29" });
        Assert.Equal(search, RoundTrip(search));
        var interaction = new InteractionInput("job-1", InteractionKind.Save, new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), "req-9");
        Assert.Equal(interaction, RoundTrip(interaction));
    }

    [Fact]
    public void A_validation_error_keeps_its_field_and_problem()
    {
        var copy = RoundTrip(new ContractValidationException("skills[2]", "must be a non-empty string"));
        Assert.Equal("skills[2]", copy.Field);
        Assert.Equal("must be a non-empty string", copy.Problem);
        Assert.Equal("skills[2]: must be a non-empty string", copy.Message);
    }

    private static T RoundTrip<T>(T value) => Wire.Deserialize<T>(Wire.SerializeToArray(value)) ?? throw new InvalidOperationException("the round trip gave null");
}
