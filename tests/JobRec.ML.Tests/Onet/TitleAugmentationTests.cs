using JobRec.Data.Model;
using JobRec.ML.Onet;

namespace JobRec.ML.Tests.Onet;

public sealed class TitleAugmentationTests
{
    [Theory]
    [InlineData("Accountants", "Accountant")]
    [InlineData("Secretaries", "Secretary")]
    [InlineData("Coaches", "Coach")]
    [InlineData("Firemen", "Fireman")]
    [InlineData("Boss", "Boss")]
    [InlineData("Bus", "Bus")]
    [InlineData("Analysis", "Analysis")]
    public void Singular_handles_common_plural_endings(string plural, string singular) =>
        Assert.Equal(singular, TitleAugmentation.Singular(plural));

    [Fact]
    public void Occupation_titles_give_singular_forms_list_members_and_the_part_before_a_qualifier()
    {
        var list = TitleAugmentation.FromOccupationTitle("Farmers, Ranchers, and Other Agricultural Managers").ToList();
        Assert.Contains("Farmer", list);
        Assert.Contains("Rancher", list);
        Assert.Contains("Agricultural Manager", list);
        var qualified = TitleAugmentation.FromOccupationTitle("Education Administrators, Postsecondary").ToList();
        Assert.Contains("Education Administrator", qualified);
        Assert.DoesNotContain("Postsecondary", qualified);
        // Not every member ends in a plural noun: not a list, so "Transportation" alone must not become a title.
        Assert.DoesNotContain("Transportation", TitleAugmentation.FromOccupationTitle("Transportation, Storage, and Distribution Managers"));
    }

    [Fact]
    public void Derive_skips_held_out_titles_and_titles_the_code_already_has()
    {
        Occupation[] occupations = [new("13-2011.00", "Accountants and Auditors", "Examine financial records.")];
        TitleLabel[] training = [new("13-2011.00", "auditor")];
        var derived = TitleAugmentation.Derive(occupations, training, new HashSet<string>(["ACCOUNTANT"], StringComparer.OrdinalIgnoreCase));
        Assert.Contains(derived, t => t.Title == "Accountants and Auditor");
        Assert.DoesNotContain(derived, t => t.Title.Equals("Accountant", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(derived, t => t.Title.Equals("Auditor", StringComparison.OrdinalIgnoreCase));
        Assert.All(derived, t => Assert.Equal("13-2011.00", t.Code));
        Assert.Equal(derived.Count, derived.Select(t => t.Title.ToLowerInvariant()).Distinct().Count());
    }
}
