using Microsoft.Playwright;
using RunbotVsCode.Infrastructure;

namespace RunbotVsCode.Browser.Tests;

/// <summary>A headless Chromium profile driven by Playwright, in a fresh profile folder removed on dispose.</summary>
public sealed class HeadlessChromium : IAsyncDisposable
{
    // The flags turn off QUIC, first-run pages and Chromium's update, sync and background requests to Google's servers.
    private static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private readonly TestFolder _profile;

    private HeadlessChromium(TestFolder profile, IBrowserContext context)
    {
        _profile = profile;
        Context = context;
    }

    /// <summary>Gets the browser context, which holds the profile's cookies.</summary>
    public IBrowserContext Context { get; }

    /// <summary>Starts Playwright's driver, or skips the fixture (fails it under CI) when Chromium or the driver is missing.</summary>
    public static async Task<IPlaywright> StartPlaywrightAsync()
    {
        _ = TestServices.ChromiumBinary;
        try
        {
            return await Playwright.CreateAsync();
        }
        catch (PlaywrightException exception)
        {
            TestServices.Unavailable("Playwright", $"its driver did not start: {exception.Message}");
            throw;
        }
    }

    /// <summary>Launches Chromium with <paramref name="locale"/> as its language, which also sets its Accept-Language header.</summary>
    public static async Task<HeadlessChromium> LaunchAsync(IPlaywright playwright, string locale)
    {
        ArgumentNullException.ThrowIfNull(playwright);

        var profile = new TestFolder("rvs-chromium");
        IBrowserContext context;
        try
        {
            context = await playwright.Chromium.LaunchPersistentContextAsync(profile.Path, new()
            {
                ExecutablePath = TestServices.ChromiumBinary,
                Headless = true,
                Args = ChromiumArgs,
                Locale = locale,
                Timeout = 30_000,
            });
        }
        catch (PlaywrightException exception)
        {
            profile.Dispose();
            TestServices.Unavailable("Chromium", $"Playwright cannot launch {TestServices.ChromiumBinary}: {exception.Message}");
            throw;
        }

        context.SetDefaultTimeout(15_000);
        return new HeadlessChromium(profile, context);
    }

    /// <summary>Records each top-level navigation response of <paramref name="page"/>, redirects included, as "METHOD url-without-query status".</summary>
    public static List<string> Trail(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);

        var trail = new List<string>();
        page.Response += (_, response) =>
        {
            if (response.Request.IsNavigationRequest && response.Frame == page.MainFrame)
            {
                trail.Add($"{response.Request.Method} {response.Url.Split('?')[0]} {response.Status}");
            }
        };
        return trail;
    }

    /// <summary>Saves a screenshot of <paramref name="page"/> under the test's work folder and attaches it to the test result.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);

        var test = TestContext.CurrentContext.Test;
        var path = Path.Combine(TestContext.CurrentContext.WorkDirectory, "screenshots", $"{test.MethodName}-{name}.png");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await page.ScreenshotAsync(new() { Path = path });
        TestContext.AddTestAttachment(path);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Context.CloseAsync();
        _profile.Dispose();
    }
}
