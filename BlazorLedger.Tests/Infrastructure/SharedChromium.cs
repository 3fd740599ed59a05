using Microsoft.Playwright;

namespace BlazorLedger.Tests.Infrastructure;

/// <summary>
/// Debian's Chromium driven by Playwright (no browser download), started once for the browser tests' collection: starting
/// it takes seconds on two busy cores, and each test gets browser contexts (profiles) of its own anyway. A missing browser
/// fails the tests: it is installed by the test script, never silently skipped.
/// </summary>
public sealed class SharedChromium : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright playwright = default!;

    public IBrowser Browser { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"Chromium is not installed at {ChromiumPath}; run ./scripts/test.sh, which installs it.");
        }
        // The suite runs these alongside hundreds of other tests on two cores: give assertions room, not sleeps.
        Assertions.SetDefaultExpectTimeout(15_000);
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        playwright.Dispose();
    }
}
