using JobRec.Data.Readers.Arshkon;
using JobRec.Data.Readers.CareerBuilder;
using JobRec.Data.Readers.Dice;
using JobRec.Data.Readers.Esco;
using JobRec.Data.Readers.JobRecCsv;
using JobRec.Data.Readers.JobViews;
using JobRec.Data.Readers.LinkedIn;
using JobRec.Data.Readers.Onet;
using JobRec.Data.Readers.ParquetTables;
using JobRec.Data.Reading;

namespace JobRec.Data.Import;

/// <summary>The source formats by name, as <c>jobrec ingest --source NAME</c> takes them.</summary>
public static class DataSources
{
    private static readonly Dictionary<string, Func<IReadOnlyList<string>, IDataSource>> Factories = new(StringComparer.OrdinalIgnoreCase)
    {
        ["linkedin2024"] = p => new LinkedIn2024Source(p),
        ["arshkon"] = p => new ArshkonPostingsSource(p),
        ["dice"] = p => new DiceSource(p),
        ["jobviews"] = p => new JobViewsSource(p),
        ["careerbuilder"] = p => new CareerBuilderSource(p),
        ["onet"] = p => new OnetSource(p),
        ["esco"] = p => new EscoSource(p),
        ["synthetic"] = p => new JobRecCsvSource(p),
        ["parquet"] = p => new ParquetTableSource(p),
    };

    /// <summary>The known source names.</summary>
    public static IReadOnlyCollection<string> Names => Factories.Keys;

    /// <summary>Registers another source format (e.g. parquet) under <paramref name="name"/>.</summary>
    public static void Register(string name, Func<IReadOnlyList<string>, IDataSource> factory) => Factories[name] = factory;

    /// <summary>The source <paramref name="name"/> over <paramref name="paths"/>; throws <see cref="ArgumentException"/> listing the known names when unknown.</summary>
    public static IDataSource Create(string name, IReadOnlyList<string> paths) =>
        Factories.TryGetValue(name, out var factory)
            ? factory(paths)
            : throw new ArgumentException($"unknown source '{name}'; known sources: {string.Join(", ", Factories.Keys.Order())}");
}
