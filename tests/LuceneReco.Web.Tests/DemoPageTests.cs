using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace LuceneReco.Web.Tests;

/// <summary>
/// The demo page at <c>GET /</c> in real headless Chromium, as a newcomer uses it, at a desktop and a phone viewport:
/// search, open an item and see similar items with the words they share, pick a user (typed, or from the list of users) and see each stage's explanation and
/// their interest profile, switch user, move the fairness and diversity sliders and see the list change, switch pipeline,
/// see the plugins with versions and metrics that refresh; nothing loaded from anywhere but the host, no script error, and
/// (on the phone) nothing wider than the screen. A screenshot of each run is saved under the test's output folder.
/// </summary>
public sealed class DemoPageTests(DemoServer server, ITestOutputHelper output) : IClassFixture<DemoServer>
{
    /// <summary>How long an action or an assertion waits, in ms: long enough for a loaded two-core machine.</summary>
    private const float TimeoutMs = 60_000;

    // Expect(...) assertions wait 5 s by default, apart from the context's timeout; on a loaded two-core CI machine
    // Scalar once took longer than that to render the API document, so the assertions get the same wait as the actions.
    static DemoPageTests() => SetDefaultExpectTimeout(TimeoutMs);

    [ChromiumTheory]
    [InlineData("desktop", 1280, 900)]
    [InlineData("phone", 390, 844)]
    public async Task DemoPage_UsedAsANewcomerWould_SearchesExplainsRecommendsAndReactsToSliders(string name, int width, int height)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium.ExecutablePath,
            Headless = true,
            Args = Chromium.Arguments,
        });
        bool phone = width < 600;
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            IsMobile = phone,
            HasTouch = phone,
            DeviceScaleFactor = phone ? 2 : 1,
        });
        context.SetDefaultTimeout(TimeoutMs);
        var page = await context.NewPageAsync();
        var requests = new List<string>();
        var errors = new List<string>();
        page.Request += (_, r) => { lock (requests) requests.Add(r.Url); };
        page.Console += (_, m) => { if (m.Type == "error") lock (errors) errors.Add(m.Text); };
        page.PageError += (_, e) => { lock (errors) errors.Add(e); };
        string origin = server.BaseAddress.GetLeftPart(UriPartial.Authority);
        string screenshot = Path.Combine(AppContext.BaseDirectory, "artefacts", $"demo-page-{name}.png");
        try
        {
            await page.GotoAsync(server.BaseAddress.ToString());
            await Expect(page.Locator("body[data-ready=true]")).ToHaveCountAsync(1);

            // The plugins with their versions, and metrics that refresh on their own.
            await Expect(page.Locator("#plugins tr[data-plugin=mmr] td").Nth(1)).ToHaveTextAsync("1.0.0.0");
            await Expect(page.Locator("#plugins tr[data-plugin=fair] td").Nth(2)).ToHaveTextAsync("loaded");
            await Expect(page.Locator("#health")).ToContainTextAsync("items");
            await Expect(page.Locator("#metrics[data-version]")).ToHaveCountAsync(1);
            int metricsVersion = int.Parse(await page.Locator("#metrics").GetAttributeAsync("data-version") ?? "0");

            // Search, with the words that matched.
            await page.FillAsync("#q", "space station");
            await page.ClickAsync("#search-form button");
            var hits = page.Locator("#search-results > li");
            await Expect(hits.First).ToBeVisibleAsync();
            Assert.InRange(await hits.CountAsync(), 1, 10);
            await Expect(hits.First.Locator(".why li[data-source=search]")).ToContainTextAsync("matches");
            await Expect(hits.First.Locator(".chips.matched .chip").First).ToBeVisibleAsync();

            // Open the best hit: its fields, more like it, and the words each shares with it.
            string hitTitle = await hits.First.Locator(".result-title").InnerTextAsync();
            await hits.First.Locator(".result-title").ClickAsync();
            await Expect(page.Locator("#item-panel")).ToBeVisibleAsync();
            await Expect(page.Locator("#item-title")).ToHaveTextAsync(hitTitle);
            var similar = page.Locator("#similar-results > li");
            await Expect(similar.First).ToBeVisibleAsync();
            await Expect(page.Locator("#similar-results .why li[data-source=similar]").First).ToContainTextAsync($"like \"{hitTitle}\"");
            await Expect(page.Locator("#similar-results .chips.matched .chip").First).ToBeVisibleAsync();

            // A user: recommendations with each stage's explanation, the stages that ran, and the interest profile.
            await ChooseUser(page, "u05");
            var recs = page.Locator("#reco-results > li");
            Assert.Equal(10, await recs.CountAsync());
            await Expect(page.Locator("#reco-status")).ToContainTextAsync("pipeline 'recommend'");
            await Expect(page.Locator("#reco-status")).Not.ToContainTextAsync("Skipped");
            var sources = await page.Locator("#reco-results .why li").EvaluateAllAsync<string[]>("lines => lines.map(l => l.dataset.source)");
            Assert.Contains("profile", sources);
            Assert.True(sources.Contains("als") || sources.Contains("itemknn"), $"no collaborative explanation among {string.Join(", ", sources)}");
            await Expect(page.Locator("#reco-stages li", new() { HasText = "mmr: ok" })).ToHaveCountAsync(1);
            await Expect(page.Locator("#reco-stages li", new() { HasText = "fair: ok" })).ToHaveCountAsync(1);
            await Expect(page.Locator("#profile-panel[data-user=u05]")).ToBeVisibleAsync();
            await Expect(page.Locator("#profile-summary")).ToContainTextAsync("Recommendations for u05 lean on");
            Assert.True(await page.Locator("#profile-terms li").CountAsync() > 0, "the profile shows no words");
            await Expect(page.Locator("#profile-categories li[data-category=books]")).ToHaveCountAsync(1);
            await Expect(page.Locator("#profile-items li").First).ToContainTextAsync("UTC");
            var u05 = await Ids(page);

            // Switch user with the picker (GET /users, most events first, 20 at a time): another list, another profile.
            await Expect(page.Locator("#user-picker[data-loaded='20']")).ToHaveCountAsync(1);
            await Expect(page.Locator("#user-picker option").First).ToHaveTextAsync("pick one of 40 users…");
            await Expect(page.Locator("#user-picker option").Nth(1)).ToHaveTextAsync("u19 (13 events)");
            await page.ClickAsync("#more-users");
            await Expect(page.Locator("#user-picker[data-loaded='40']")).ToHaveCountAsync(1);
            await Expect(page.Locator("#more-users")).ToBeHiddenAsync();
            await page.SelectOptionAsync("#user-picker", "u07");
            await Expect(page.Locator("#reco-results[data-user=u07] > li").First).ToBeVisibleAsync();
            await Expect(page.Locator("#user")).ToHaveValueAsync("u07");
            await Expect(page.Locator("#profile-panel[data-user=u07]")).ToBeVisibleAsync();
            var u07 = await Ids(page);
            Assert.NotEqual(u05, u07);

            // The diversity slider, to its right end: MMR's lambda 0, diversity only (the knob is the inverse of lambda).
            await MoveSlider(page, "mmr.lambda", "1");
            await Expect(page.Locator(".slider[data-kind=diversity] output")).ToHaveTextAsync("mmr.lambda = 0");
            var diverse = await Ids(page);
            Assert.NotEqual(u07, diverse);

            // The fairness slider: more of the protected provider ('community') in the list, said by the fair stage.
            int before = await Providers(page, "community");
            await MoveSlider(page, "fair.p", "0.9");
            var fairer = await Ids(page);
            Assert.NotEqual(diverse, fairer);
            Assert.True(await Providers(page, "community") > before, $"fair.p = 0.9 did not add items of 'community' (had {before})");
            await Expect(page.Locator("#reco-results .why li[data-source=fair]").First).ToContainTextAsync("protected group");

            string panel = Path.Combine(AppContext.BaseDirectory, "artefacts", $"demo-page-{name}-recommendations.png");
            Directory.CreateDirectory(Path.GetDirectoryName(panel)!);
            await page.Locator("#user-panel").ScreenshotAsync(new LocatorScreenshotOptions { Path = panel });
            output.WriteLine($"screenshot: {panel}");

            // Switch pipeline: the content profile, calibrated, with its own slider.
            await page.SelectOptionAsync("#pipeline", "content");
            await Expect(page.Locator("#reco-status")).ToContainTextAsync("pipeline 'content'");
            await Expect(page.Locator("#sliders input[data-key='calibration.lambda']")).ToHaveCountAsync(1);
            await Expect(page.Locator("#sliders input[data-key='fair.p']")).ToHaveCountAsync(0);

            // Metrics refreshed meanwhile and count the requests the page made.
            await page.WaitForFunctionAsync($"() => Number(document.querySelector('#metrics').dataset.version) > {metricsVersion}");
            await Expect(page.Locator("#metrics tr[data-endpoint='POST /recommend']")).ToHaveCountAsync(1);

            if (phone)
            {
                int overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
                Assert.True(overflow <= 0, $"the page is {overflow} px wider than the {width} px screen");
            }
        }
        finally
        {
            Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
            output.WriteLine($"screenshot: {screenshot}");
        }
        lock (errors) Assert.True(errors.Count == 0, "script errors: " + string.Join("\n", errors));
        lock (requests) Assert.All(requests, url => Assert.StartsWith(origin + "/", url));
    }

    /// <summary>The API reference at <c>/docs</c> (Scalar, linked from the page's footer) renders the operations, loading nothing from elsewhere.</summary>
    [ChromiumFact]
    public async Task ApiReference_RendersTheOperations_WithNoRequestOffTheHost()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium.ExecutablePath,
            Headless = true,
            Args = Chromium.Arguments,
        });
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        context.SetDefaultTimeout(TimeoutMs);
        var page = await context.NewPageAsync();
        var requests = new List<string>();
        var errors = new List<string>();
        page.Request += (_, r) => { lock (requests) requests.Add(r.Url); };
        page.PageError += (_, e) => { lock (errors) errors.Add(e); };
        string origin = server.BaseAddress.GetLeftPart(UriPartial.Authority);
        string screenshot = Path.Combine(AppContext.BaseDirectory, "artefacts", "api-reference.png");
        try
        {
            await page.GotoAsync(server.BaseAddress.ToString());
            await Expect(page.Locator("body[data-ready=true]")).ToHaveCountAsync(1);
            await page.ClickAsync("footer a[href='/docs']");
            await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/docs/?$"));
            await Expect(page).ToHaveTitleAsync("LuceneReco API reference");
            // The document's own words, rendered by Scalar's script from /openapi/v1.json: the overview and the endpoint groups.
            await Expect(page.GetByText("LuceneReco recalls candidates from an embedded Lucene-style index").First).ToBeVisibleAsync();
            await Expect(page.GetByText("QueryEndpoints", new() { Exact = true }).First).ToBeVisibleAsync();
            await Expect(page.GetByText("WebEndpoints", new() { Exact = true }).First).ToBeVisibleAsync();
        }
        finally
        {
            Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot });
            output.WriteLine($"screenshot: {screenshot}");
        }
        lock (errors) Assert.True(errors.Count == 0, "script errors: " + string.Join("\n", errors));
        lock (requests)
        {
            Assert.Contains(requests, url => url.StartsWith(origin + "/openapi/", StringComparison.Ordinal));
            Assert.All(requests, url => Assert.StartsWith(origin + "/", url));
        }
    }

    private static async Task ChooseUser(IPage page, string user)
    {
        await page.FillAsync("#user", user);
        await page.ClickAsync("#user-form button");
        await Expect(page.Locator($"#reco-results[data-user={user}] > li").First).ToBeVisibleAsync();
        await Expect(page.Locator("#reco-status")).ToContainTextAsync($"for {user} from pipeline");
    }

    /// <summary>Moves a slider and waits for the list the page asks for with it.</summary>
    private static async Task MoveSlider(IPage page, string key, string value)
    {
        string version = await page.Locator("#reco-results").GetAttributeAsync("data-version") ?? "0";
        await page.Locator($"#sliders input[data-key='{key}']").FillAsync(value);
        await page.WaitForFunctionAsync($"() => document.querySelector('#reco-results').dataset.version !== '{version}'");
        await Expect(page.Locator("#reco-status")).ToContainTextAsync("from pipeline");
    }

    private static async Task<string[]> Ids(IPage page) =>
        await page.Locator("#reco-results > li").EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.id)");

    private static async Task<int> Providers(IPage page, string provider) =>
        await page.Locator("#reco-results > li .meta").EvaluateAllAsync<int>(
            "(metas, p) => metas.filter(m => m.textContent.split(' · ').includes(p)).length", provider);
}
