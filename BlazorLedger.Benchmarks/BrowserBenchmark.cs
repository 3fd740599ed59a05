using System.Diagnostics;
using BlazorLedger.Features.Admin;
using Microsoft.Playwright;

namespace BlazorLedger.Benchmarks;

/// <summary>
/// What a person feels, in Debian's headless Chromium driven by Playwright: the time from navigating to the busy account's
/// register (the bulk-loaded history) to its rows on screen; then the server's memory per live circuit, with 100 tabs
/// signed in (in a few browser profiles) on the accounts page and on that register. Memory is the app's process after full
/// collections, measured against the same tabs on a page that opens no circuit, so that the browser driver's own objects
/// in this process cancel out.
/// </summary>
internal static class BrowserBenchmark
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private const int Tabs = 100;
    private const int Profiles = 4;
    private const int Navigations = 20;

    public static async Task RunAsync(BenchApp app)
    {
        if (!File.Exists(ChromiumPath))
        {
            Console.WriteLine($"Browser part skipped: no Chromium at {ChromiumPath} (apt-get install chromium).");
            return;
        }
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"],
        });
        await RegisterAsync(app, browser);
        Console.WriteLine();
        await CircuitsAsync(app, browser);
    }

    private static async Task RegisterAsync(BenchApp app, IBrowser browser)
    {
        var context = await NewSignedInProfileAsync(app, browser);
        var page = context.Pages[0];
        var register = $"accounts/{app.Busy}";
        var rows = new List<TimeSpan>();
        var interactive = new List<TimeSpan>();
        var responses = new List<TimeSpan>();
        for (var i = -3; i < Navigations; i++)
        {
            // From a page of the app, as a person comes from the accounts page; each visit is a full page load.
            await page.GotoAsync("Account/Manage");
            var watch = Stopwatch.StartNew();
            await page.GotoAsync(register, new() { WaitUntil = WaitUntilState.Commit });
            var response = watch.Elapsed;
            await page.WaitForSelectorAsync("[data-testid=register-row]");
            var shown = watch.Elapsed;
            await page.WaitForSelectorAsync("[data-testid=interactive]", new() { State = WaitForSelectorState.Attached });
            if (i >= 0)
            {
                rows.Add(shown);
                responses.Add(response);
                interactive.Add(watch.Elapsed);
            }
        }
        var count = await page.Locator("[data-testid=register-row]").CountAsync();
        Console.WriteLine($"Register page in Chromium at {app.Postings:N0} postings (the account with {app.Postings / 2:N0}, {count} rows on screen), " +
            $"{Navigations} full page loads:");
        Console.WriteLine($"navigation to rows on screen: median {Measure.Ms(Median(rows))}, slowest {Measure.Ms(rows.Max())} (target 150 ms); " +
            $"to interactive: median {Measure.Ms(Median(interactive))}; the page's response (prerendered, with the rows) began after {Measure.Ms(Median(responses))}");
        await context.CloseAsync();
    }

    private static async Task CircuitsAsync(BenchApp app, IBrowser browser)
    {
        var counter = app.Services.GetRequiredService<CircuitCounter>();
        var profiles = new List<IBrowserContext>();
        for (var p = 0; p < Profiles; p++)
        {
            profiles.Add(await NewSignedInProfileAsync(app, browser));
        }
        var tabs = new List<IPage>();
        foreach (var profile in profiles)
        {
            tabs.AddRange(profile.Pages);
            while (tabs.Count < (profiles.IndexOf(profile) + 1) * Tabs / Profiles)
            {
                tabs.Add(await profile.NewPageAsync());
            }
        }
        Console.WriteLine($"Server memory per live circuit: {Tabs} signed-in tabs in {Profiles} browser profiles, after full collections; " +
            "against the same tabs on a page without a circuit");
        Console.WriteLine($"{"page",-28}{"circuits",10}{"managed heap",16}{"per circuit",14}{"working set",16}{"per circuit",14}");
        await OpenAllAsync(tabs, "Account/Manage", "body");
        await WaitForCircuitsAsync(counter, 0);
        var (heap, workingSet) = Memory();
        Console.WriteLine($"{"(no circuit) Account/Manage",-28}{counter.Local,10}{Mib(heap),16}{"",14}{Mib(workingSet),16}");
        foreach (var (name, url, ready) in new[]
        {
            ("accounts", "accounts", "[data-testid=interactive]"),
            ("busy account's register", $"accounts/{app.Busy}", "[data-testid=register-row]"),
        })
        {
            await OpenAllAsync(tabs, url, ready, "[data-testid=interactive]");
            await WaitForCircuitsAsync(counter, Tabs);
            var (h, w) = Memory();
            Console.WriteLine($"{name,-28}{counter.Local,10}{Mib(h),16}{Mib((h - heap) / Tabs),14}{Mib(w),16}{Mib((w - workingSet) / Tabs),14}");
            if (Environment.GetEnvironmentVariable("LEDGER_BENCH_HOLD") is { } hold && int.TryParse(hold, out var seconds))
            {
                // Time to take a heap dump of this process with every circuit live.
                Console.WriteLine($"holding {seconds} s, process {Environment.ProcessId}");
                await Task.Delay(TimeSpan.FromSeconds(seconds));
            }
            // Back to pages without circuits: leaving a page closes its circuit.
            await OpenAllAsync(tabs, "Account/Manage", "body");
            await WaitForCircuitsAsync(counter, 0);
        }
        Console.WriteLine("(target: 1.0 MiB per circuit)");
        foreach (var profile in profiles)
        {
            await profile.CloseAsync();
        }
    }

    /// <summary>Opens <paramref name="url"/> in every tab, ten at a time, each until all of <paramref name="ready"/> are on the page.</summary>
    private static async Task OpenAllAsync(List<IPage> tabs, string url, params string[] ready)
    {
        foreach (var chunk in tabs.Chunk(10))
        {
            await Task.WhenAll(chunk.Select(async tab =>
            {
                if (!tab.Url.EndsWith("/" + url, StringComparison.Ordinal))
                {
                    await tab.GotoAsync(url);
                }
                foreach (var selector in ready)
                {
                    await tab.WaitForSelectorAsync(selector, new() { State = WaitForSelectorState.Attached, Timeout = 60_000 });
                }
            }));
        }
    }

    private static async Task WaitForCircuitsAsync(CircuitCounter counter, int expected)
    {
        var watch = Stopwatch.StartNew();
        while (counter.Local != expected)
        {
            if (watch.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new InvalidOperationException($"{counter.Local} circuits, expected {expected}.");
            }
            await Task.Delay(100);
        }
    }

    /// <summary>The managed heap and the working set of this process after full, compacting collections.</summary>
    private static (long Heap, long WorkingSet) Memory()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }
        using var process = Process.GetCurrentProcess();
        return (GC.GetTotalMemory(forceFullCollection: true), process.WorkingSet64);
    }

    private static async Task<IBrowserContext> NewSignedInProfileAsync(BenchApp app, IBrowser browser)
    {
        // localhost rather than 127.0.0.1, as a person types it.
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseAddress.ToString().Replace("127.0.0.1", "localhost", StringComparison.Ordinal),
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("Account/Login");
        await page.FillAsync("#Input\\.Email", BenchApp.Email);
        await page.FillAsync("#Input\\.Password", BenchApp.Password);
        await page.ClickAsync("[data-testid=sign-in]");
        await page.WaitForSelectorAsync("[data-testid=interactive]", new() { State = WaitForSelectorState.Attached });
        return context;
    }

    private static string Mib(long bytes) => $"{bytes / 1024.0 / 1024.0:N2} MiB";

    private static TimeSpan Median(List<TimeSpan> times) => times.Order().ElementAt(times.Count / 2);
}
