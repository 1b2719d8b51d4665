using JobRec.Data.Model;
using JobRec.Data.Readers.Onet;
using JobRec.ML.Onet;
using JobRec.ML.Onet.EncoderTuning;

namespace JobRec.ML.Tests.Onet.EncoderTuning;

public sealed class OnetTitlePairsTests
{
    private static readonly Occupation[] Occupations =
    [
        new("29-1141.00", "Registered Nurses", "Nursing care."), new("53-3032.00", "Truck Drivers", "Drive trucks."), new("15-1252.00", "Software Developers", "Write code."),
    ];

    [Fact]
    public void Pairs_from_the_O_NET_files_hold_no_test_or_development_title()
    {
        var occupations = OnetSource.LoadOccupations(SharedData.File("onet", OnetEvaluation.OccupationFile));
        var all = OnetSource.LoadAlternateTitles(SharedData.File("onet", OnetEvaluation.AlternateTitlesFile));
        var (training, development) = OnetEncoderTuning.Titles(occupations, all);
        var (_, test) = TitleSplit.Split(all);
        var pairs = OnetTitlePairs.Build(occupations, training);

        var occupationTitles = occupations.Select(o => o.Title).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var heldOut = test.Concat(development).Select(t => t.Title).Where(t => !occupationTitles.Contains(t)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        Assert.True(heldOut.Count > 10_000, $"{heldOut.Count} held-out titles");
        Assert.True(pairs.AnchorText.Count > 25_000, $"{pairs.AnchorText.Count} anchors");
        Assert.DoesNotContain(pairs.Texts, heldOut.Contains);
        // Every text is an occupation title or a training title.
        var trainingTitles = training.Select(t => t.Title.Trim()).ToHashSet(StringComparer.Ordinal);
        Assert.All(pairs.Texts.Skip(occupations.Count), t => Assert.Contains(t, trainingTitles));
    }

    [Fact]
    public void Each_anchor_is_paired_with_its_occupation_title_or_another_title_of_it()
    {
        var training = new TitleLabel[]
        {
            new("29-1141.00", "Staff Nurse"), new("29-1141.00", "Charge Nurse"), new("29-1141.00", "staff nurse"), new("29-1141.00", "Registered Nurses"),
            new("53-3032.00", "Semi Driver"), new("99-9999.99", "Unknown Job"), new("15-1252.00", "Coder"), new("15-1252.00", "Programmer"), new("15-1252.00", "Developer"),
        };
        var pairs = OnetTitlePairs.Build(Occupations, training);
        // The duplicate (case-insensitive), the occupation's own title and the unknown code are no anchors.
        Assert.Equal(["Staff Nurse", "Charge Nurse", "Semi Driver", "Coder", "Programmer", "Developer"], pairs.AnchorText.Select(i => pairs.Texts[i]));
        var occupationOf = pairs.AnchorText.Zip(pairs.AnchorOccupation).ToDictionary(p => p.First, p => p.Second);

        var (anchor, positive, group) = pairs.Sample(new Random(3), 1f);
        Assert.Equal(6, anchor.Length);
        Assert.Equal(pairs.AnchorText.Order(), anchor.Order());
        for (int i = 0; i < anchor.Length; i++)
        {
            Assert.Equal(occupationOf[anchor[i]], group[i]);
            Assert.NotEqual(anchor[i], positive[i]);
            // With share 1, an occupation with another alternate title always pairs two alternates; the lone Semi Driver gets its occupation's title.
            if (pairs.Texts[anchor[i]] == "Semi Driver") Assert.Equal(1, positive[i]);
            else Assert.Equal(group[i], occupationOf[positive[i]]);
        }
        var (_, onlyTitles, _) = pairs.Sample(new Random(3), 0f);
        Assert.All(onlyTitles, p => Assert.True(p < Occupations.Length));
        var (a1, p1, _) = pairs.Sample(new Random(5), 0.5f);
        var (a2, p2, _) = pairs.Sample(new Random(5), 0.5f);
        Assert.Equal(a1, a2);
        Assert.Equal(p1, p2);
    }
}
