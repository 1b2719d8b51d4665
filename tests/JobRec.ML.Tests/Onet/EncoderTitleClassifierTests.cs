using JobRec.Data.Model;
using JobRec.ML.Onet;
using JobRec.ML.Tests.Text;

namespace JobRec.ML.Tests.Onet;

public sealed class EncoderTitleClassifierTests(UseLiteModelFixture model) : IClassFixture<UseLiteModelFixture>, IDisposable
{
    private static readonly (string Title, int Label)[] Training =
    [
        ("Registered Nurse", 0), ("Staff Nurse", 0), ("Charge Nurse", 0), ("ICU Nurse", 0), ("Nurse Manager", 0), ("Clinical Nurse", 0), ("RN", 0),
        ("Software Developer", 1), ("Java Developer", 1), ("Web Programmer", 1), ("Backend Engineer", 1), ("Software Engineer", 1), ("Python Developer", 1),
        ("Truck Driver", 2), ("Delivery Driver", 2), ("Semi Driver", 2), ("Tractor Trailer Operator", 2), ("Long Haul Trucker", 2), ("Route Driver", 2),
        ("Line Cook", 3), ("Prep Cook", 3), ("Sous Chef", 3), ("Grill Cook", 3), ("Kitchen Cook", 3), ("Short Order Cook", 3),
    ];

    private static readonly (string Title, int Label)[] Unseen =
        [("Night Shift Nurse", 0), ("Senior Software Developer", 1), ("Dump Truck Driver", 2), ("Breakfast Cook", 3), ("Pediatric Nurse", 0), ("Pizza Cook", 3)];

    private readonly string _dir = Directory.CreateTempSubdirectory("encoder-classifier-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static EncoderClassifierOptions Quick => new(Epochs: 12, BatchSize: 8, EncoderLearningRate: 3e-4f, HeadLearningRate: 1e-2f, LabelSmoothing: 0f);

    [Fact]
    public void Fine_tuning_fits_the_titles_and_generalises_to_unseen_ones()
    {
        var losses = new List<double>();
        var classifier = EncoderTitleClassifier.Train(model.Encoder, Training.Select(t => t.Title).ToArray(), Training.Select(t => t.Label).ToArray(), 4, Quick,
            (_, loss) => losses.Add(loss));
        Assert.Equal(12, losses.Count);
        Assert.True(losses[^1] < losses[0] / 4, $"loss went from {losses[0]:F3} to {losses[^1]:F3}");

        var probabilities = classifier.PredictProbabilities(Unseen.Select(t => t.Title).Append("").ToArray());
        int right = 0;
        for (int i = 0; i < Unseen.Length; i++)
        {
            var row = probabilities.AsSpan(i * 4, 4);
            Assert.Equal(1f, row.ToArray().Sum(), 3);
            if (row.IndexOf(System.Numerics.Tensors.TensorPrimitives.Max(row)) == Unseen[i].Label) right++;
        }
        Assert.True(right >= 5, $"{right} of {Unseen.Length} unseen titles right");
        Assert.Equal(1f, probabilities.AsSpan(Unseen.Length * 4, 4).ToArray().Sum(), 3); // an empty title still gets a distribution
    }

    [Fact]
    public void Fine_tuning_changes_the_encoder_and_leaves_the_pretrained_one_alone()
    {
        var before = model.Encoder.Encode(["Registered Nurse"]);
        var classifier = EncoderTitleClassifier.Train(model.Encoder, Training.Select(t => t.Title).ToArray(), Training.Select(t => t.Label).ToArray(), 4,
            Quick with { Epochs = 2 });
        Assert.Equal(before, model.Encoder.Encode(["Registered Nurse"]));
        var pretrained = JobRec.ML.Text.UseLite.TrainableUseLite.From(model.Encoder).Parameters;
        Assert.NotEqual(pretrained, classifier.Parameters.Encoder);
    }

    [Fact]
    public void Bad_training_input_is_refused_with_the_row()
    {
        var e = Assert.Throws<ArgumentException>(() => EncoderTitleClassifier.Train(model.Encoder, ["Nurse", "Cook"], [0, 4], 4, Quick));
        Assert.Contains("row 1", e.Message);
        Assert.Throws<ArgumentException>(() => EncoderTitleClassifier.Train(model.Encoder, ["Nurse"], [0, 1], 4, Quick));
        Assert.Throws<ArgumentException>(() => EncoderTitleClassifier.Train(model.Encoder, ["Nurse"], [0], 4, Quick with { Epochs = 0 }));
        var weights = JobRec.ML.Text.UseLite.TrainableUseLite.From(model.Encoder).Parameters;
        Assert.Throws<ArgumentException>(() => EncoderTitleClassifier.FromParameters(model.Encoder, new float[10], new float[513 * 4], 4, 16));
        Assert.Contains("softmax", Assert.Throws<ArgumentException>(() => EncoderTitleClassifier.FromParameters(model.Encoder, weights, new float[7], 4, 16)).Message);
    }

    [Fact]
    public void Onet_model_with_the_fine_tuned_classifier_saves_and_loads_with_the_same_rankings()
    {
        var occupations = new Occupation[]
        {
            new("29-1141.00", "Registered Nurses", "Assess patient health problems and needs, develop and implement nursing care plans."),
            new("15-1252.00", "Software Developers", "Research, design, and develop computer and network software."),
            new("53-3032.00", "Heavy and Tractor-Trailer Truck Drivers", "Drive a tractor-trailer combination or a truck."),
            new("35-2014.00", "Cooks, Restaurant", "Prepare, season, and cook dishes in restaurants."),
        };
        var labelled = Training.Select(t => new TitleLabel(occupations[t.Label].Code, t.Title)).ToArray();
        var options = new OnetClassifierOptions(FineTuneHead: false, ClassifierEpochs: 3, AugmentTitles: false, Rerank: false, EncoderClassifier: Quick with { Epochs = 3 });
        var trained = OnetClassifier.Train(occupations, labelled, model.Encoder, options);
        var path = Path.Combine(_dir, "tuned.model");
        OnetModelFile.Save(trained, path);
        var loaded = OnetModelFile.Load(path, model.Encoder).Classifier;
        var titles = Unseen.Select(t => t.Title).ToArray();
        Assert.Equal(trained.Classify(titles, 4).SelectMany(p => p).Select(p => (p.Code, p.Score)), loaded.Classify(titles, 4).SelectMany(p => p).Select(p => (p.Code, p.Score)));

        // Without the fine-tuned classifier the scores differ: the file carried it.
        var plain = OnetClassifier.Train(occupations, labelled, model.Encoder, options with { EncoderClassifier = null });
        Assert.NotEqual(plain.Classify(titles, 4).SelectMany(p => p).Select(p => p.Score), loaded.Classify(titles, 4).SelectMany(p => p).Select(p => p.Score));

        // The re-ranker sees the fine-tuned probability on its own in the last three columns (score, gap to the best, log rank); zeros without it.
        var tunedList = loaded.RerankLists(["Night Shift Nurse"], ["29-1141.00"])[0];
        var plainList = plain.RerankLists(["Night Shift Nurse"], ["29-1141.00"])[0];
        int last = RerankFeatures.Count - 3;
        var best = Enumerable.Range(0, tunedList.Candidates.Length).Max(j => tunedList.Features[j * RerankFeatures.Count + last]);
        Assert.InRange(best, 0.25f, 1f);
        Assert.Contains(Enumerable.Range(0, tunedList.Candidates.Length), j => tunedList.Features[j * RerankFeatures.Count + last + 1] == 0 && tunedList.Features[j * RerankFeatures.Count + last + 2] == 0);
        Assert.All(Enumerable.Range(0, plainList.Candidates.Length * 3), i => Assert.Equal(0f, plainList.Features[i / 3 * RerankFeatures.Count + last + i % 3]));
    }

    [Fact]
    public void Asking_for_the_fine_tuned_classifier_with_another_encoder_names_the_encoder()
    {
        var occupations = new Occupation[] { new("29-1141.00", "Registered Nurses", "Nursing care."), new("53-3032.00", "Truck Drivers", "Drive trucks.") };
        var e = Assert.Throws<ArgumentException>(() => OnetClassifier.Train(occupations, [new("29-1141.00", "Staff Nurse")], new HashingTextEncoder(64),
            new OnetClassifierOptions(FineTuneHead: false, AugmentTitles: false, Rerank: false, EncoderClassifier: Quick)));
        Assert.Contains(nameof(HashingTextEncoder), e.Message);
    }
}
