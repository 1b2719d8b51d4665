using JobRec.Data.Regions;

namespace JobRec.Data.Tests.Regions;

public class UsRegionsTests
{
    [Theory]
    [InlineData("Austin, TX", "TX")]
    [InlineData("Texas, United States", "TX")]
    [InlineData("Washington, DC", "DC")]
    [InlineData("Seattle, Washington", "WA")]
    [InlineData("Charleston, West Virginia", "WV")]
    [InlineData("New York City Metropolitan Area", "NY")]
    [InlineData("Greater Chicago Area", "IL")]
    [InlineData("San Francisco Bay Area", "CA")]
    [InlineData("Austin TX 78701", "TX")]
    [InlineData("Plano, TX 75024", "TX")]
    [InlineData("Remote", "")]
    [InlineData("United States", "")]
    [InlineData("Toronto, ON", "")]
    [InlineData("Tijuana, Baja California, Mexico", "")]
    [InlineData("London, England, United Kingdom", "")]
    [InlineData("", "")]
    public void Extracts_the_state_code(string location, string expected) => Assert.Equal(expected, UsRegions.FromLocation(location));
}
