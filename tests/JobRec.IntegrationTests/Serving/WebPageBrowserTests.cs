using Microsoft.Playwright;

namespace JobRec.IntegrationTests.Serving;

public sealed class WebPageBrowserTests(ServingApiFixture api) : IClassFixture<ServingApiFixture>
{
    [Fact]
    public async Task The_page_searches_shows_results_and_a_job_with_its_occupation()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        });
        var page = await browser.NewPageAsync();
        await page.GotoAsync(api.BaseUrl.ToString());
        var target = api.OpenJob(30);

        await page.FillAsync("#search-query", target.Title);
        await page.ClickAsync("#search-button");
        await page.WaitForSelectorAsync("#search-results li.result");
        var results = await page.Locator("#search-results li.result").CountAsync();
        Assert.True(results > 0);
        Assert.Contains("results", await page.InnerTextAsync("#search-status"));

        await page.Locator("#search-results li.result a").First.ClickAsync();
        await page.WaitForSelectorAsync("#job-details p");
        Assert.Contains("O*NET occupation", await page.InnerTextAsync("#job-details"));

        await page.FillAsync("#user-id", Data.Synthetic.SyntheticMarket.UserId(4));
        await page.ClickAsync("#user-button");
        await page.WaitForSelectorAsync("#user-results li.result");
        Assert.True(await page.Locator("#user-results .reasons").CountAsync() > 0);

        // Models panel: the fallback first, then a stored model once activated (the silo polls the store every 2 s).
        await page.WaitForSelectorAsync("#models-status tr.model");
        Assert.Contains("no model trained yet", await page.InnerTextAsync("#models-status"));
        var store = new ML.Models.FolderModelStore(Path.Combine(api.Directory, "models"));
        var stored = await store.AddAsync(ModelMetadata(), Model().Save());
        await store.ActivateAsync(stored.Name, stored.Version);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60); // failure guard only: the silo loads it at its next poll of the store
        while (!(await api.Http.GetStringAsync("/models")).Contains("\"source\":\"store\"", StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline, $"the silo did not load the activated fm v{stored.Version} from the store");
            await Task.Delay(100);
        }

        await page.ClickAsync("#models-refresh");
        await page.WaitForSelectorAsync("#evaluation-table");
        Assert.Contains($"fm v{stored.Version}", await page.InnerTextAsync("#models-status"));
        Assert.Contains("popularity-region (baseline)", await page.InnerTextAsync("#evaluation-table"));
        await page.WaitForFunctionAsync("() => document.getElementById('evaluation-plot').naturalWidth > 0");

        // Ask box: an answer citing postings.
        await page.FillAsync("#ask-question", $"What does the {target.Title} job require?");
        await page.ClickAsync("#ask-button");
        await page.WaitForSelectorAsync("#ask-answer p.answer");
        Assert.Contains("cited:", await page.InnerTextAsync("#ask-answer"));
        Assert.True(await page.Locator("#ask-answer a[data-job]").CountAsync() > 0);

        var shots = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(shots);
        var file = Path.Combine(shots, "jobrec-page.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
        Assert.True(new FileInfo(file).Length > 10_000);
    }

    private ML.Models.ServedFactorizationMachine Model()
    {
        var jobs = api.Market.Jobs().Select(j => j.Id).ToList();
        var users = api.Market.Users().Select(u => u.Id).ToList();
        var layout = new ML.Recommenders.FmFeatureLayout(users.Count, jobs.Count, useText: true);
        return ML.Models.ServedFactorizationMachine.Create(new ML.Recommenders.FactorizationMachine(layout.FeatureCount, 2), true, users, jobs);
    }

    private static ML.Models.ModelMetadata ModelMetadata() => new()
    {
        Name = ML.Models.ModelNames.Recommender,
        Kind = "fm",
        TrainingData = "page test model",
        Encoder = "hashed",
        EncoderDimension = 256,
        Metrics = new Dictionary<string, double> { ["map@10"] = 0.25 },
        Evaluation =
        [
            new ML.Models.ModelEvaluationRow("fm (this model)", false, new Dictionary<string, double> { ["map@10"] = 0.25, ["ndcg@10"] = 0.3 }, [0.2, 0.25, 0.26]),
            new ML.Models.ModelEvaluationRow("popularity-region", true, new Dictionary<string, double> { ["map@10"] = 0.1, ["ndcg@10"] = 0.12 }, [0.05, 0.1, 0.11]),
        ],
    };
}
