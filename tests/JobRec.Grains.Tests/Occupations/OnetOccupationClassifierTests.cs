using JobRec.Grains.Occupations;
using JobRec.ML.Recommenders;
using JobRec.ML.Text;

namespace JobRec.Grains.Tests.Occupations;

public sealed class OnetOccupationClassifierTests
{
    [Fact]
    public void Classifies_postings_into_onet_occupations_with_titles()
    {
        var classifier = SmallOnetClassifier.Instance;
        Assert.True(classifier.Occupations > 900, $"only {classifier.Occupations} occupations read");
        var matches = classifier.Classify([
            ("Registered Nurse", "provide patient care in the hospital ward"),
            ("Software Developer", "design and write application software"),
            ("", ""),
        ]);
        Assert.Equal(3, matches.Count);
        Assert.Equal("29-1141.00", matches[0].Code);
        Assert.StartsWith("15-", matches[1].Code);
        Assert.Equal(classifier.TitleOf(matches[0].Code), matches[0].Title);
        Assert.Equal("Registered Nurses", classifier.TitleOf("29-1141.00"));
        Assert.Equal("", matches[2].Code);
        Assert.Equal("", classifier.TitleOf("99-9999.99"));
    }

    [Fact]
    public void Missing_folder_or_files_are_named()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-onet-" + Guid.NewGuid().ToString("N"));
        var ex = Assert.Throws<DirectoryNotFoundException>(() => OnetOccupationClassifier.Train(missing, new HashedTextEncoder(32)));
        Assert.Contains(missing, ex.Message);

        Directory.CreateDirectory(missing);
        try
        {
            var file = Assert.Throws<FileNotFoundException>(() => OnetOccupationClassifier.Train(missing, new HashedTextEncoder(32)));
            Assert.Contains(OnetOccupationClassifier.OccupationFile, file.Message + file.FileName);
        }
        finally
        {
            Directory.Delete(missing, recursive: true);
        }
    }
}
