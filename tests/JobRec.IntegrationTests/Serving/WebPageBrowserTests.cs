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

        var shots = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(shots);
        var file = Path.Combine(shots, "jobrec-page.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
        Assert.True(new FileInfo(file).Length > 10_000);
    }
}
