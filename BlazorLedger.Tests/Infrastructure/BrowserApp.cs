using BlazorLedger.Data;
using Microsoft.Playwright;

namespace BlazorLedger.Tests.Infrastructure;

/// <summary>
/// The real app on 127.0.0.1 with its own SQLite file (or PostgreSQL database), and profiles of the collection's one
/// Chromium (<see cref="SharedChromium"/>) to visit it with. One per test.
/// </summary>
public sealed class BrowserApp(SharedChromium chromium, DatabaseProvider provider = DatabaseProvider.Sqlite) : IAsyncLifetime
{
    public const string Password = "Browser-Pass-123";

    private readonly List<string> policyViolations = [];
    private readonly List<IBrowserContext> contexts = [];
    private readonly List<AppHost> instances = [];

    public AppHost App { get; private set; } = default!;

    public IBrowser Browser => chromium.Browser;

    public async Task InitializeAsync() =>
        App = provider == DatabaseProvider.Postgres ? await AppHost.OnPostgresAsync() : AppHost.WithoutDemoData();

    /// <summary>Another instance of the app on <see cref="App"/>'s PostgreSQL database, stopped with it.</summary>
    public AppHost AddInstance()
    {
        var instance = App.AddInstance();
        instances.Add(instance);
        return instance;
    }

    /// <summary>Every page of every test is held to the app's Content-Security-Policy: a blocked script or style fails the test.</summary>
    public async Task DisposeAsync()
    {
        // Pages first: an instance stopping waits for the circuits still connected to it.
        foreach (var context in contexts)
        {
            await context.CloseAsync();
        }
        foreach (var instance in instances)
        {
            await instance.DisposeAsync();
        }
        await App.DisposeAsync();
        Assert.True(policyViolations.Count == 0, "Content-Security-Policy violations:\n" + string.Join("\n", policyViolations));
    }

    /// <summary>A fresh browser profile (its own cookies) with a page open.</summary>
    public Task<IPage> NewPageAsync(int width = 1280, int height = 900) => NewPageAsync(App, width, height);

    /// <summary>A fresh browser profile with a page open on <paramref name="instance"/> (another instance of the app, say).</summary>
    public async Task<IPage> NewPageAsync(AppHost instance, int width = 1280, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = instance.BaseAddress.ToString(), ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        contexts.Add(context);
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                lock (policyViolations)
                {
                    policyViolations.Add($"{page.Url}: {message.Text}");
                }
            }
        };
        return page;
    }

    public async Task<string> CreateUserAsync(string email, string name)
    {
        var user = await App.CreateUserAsync(email, Password, user =>
        {
            user.DisplayName = name;
            user.EmailConfirmed = true;
        });
        return user.Id;
    }

    /// <summary>Signs in through the sign-in page and waits until the app is interactive (clicks before that are lost).</summary>
    public static async Task SignInAsync(IPage page, string email, string password = Password)
    {
        await page.GotoAsync("Account/Login");
        await page.FillAsync("#Input\\.Email", email);
        await page.FillAsync("#Input\\.Password", password);
        await page.ClickAsync("[data-testid=sign-in]");
        await WaitInteractiveAsync(page);
    }

    /// <summary>Even the right password is refused while the account is locked.</summary>
    public static async Task SignInAsyncExpectingLockout(IPage page, string email)
    {
        await page.GotoAsync("Account/Login");
        await page.FillAsync("#Input\\.Email", email);
        await page.FillAsync("#Input\\.Password", Password);
        await page.ClickAsync("[data-testid=sign-in]");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/Lockout"));
    }

    public static Task WaitInteractiveAsync(IPage page) =>
        page.WaitForSelectorAsync("[data-testid=interactive]", new() { State = WaitForSelectorState.Attached });

    /// <summary>Opens a MudSelect and picks an option by its text.</summary>
    public static async Task ChooseAsync(IPage page, string selectTestId, string option, int index = 0)
    {
        await page.Locator($"[data-testid={selectTestId}]").Nth(index).ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasTextString = option }).First.ClickAsync();
        // Until the list has closed, its overlay takes the next click (a Save would only close the list).
        await Assertions.Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
    }

    /// <summary>Saves a PNG of the page to the screenshot folder (outside the sources; SCREENSHOTS_DIR or the temp folder).</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var folder = Environment.GetEnvironmentVariable("SCREENSHOTS_DIR") is { Length: > 0 } configured
            ? configured : Path.Combine(Path.GetTempPath(), "blazorledger-screenshots");
        Directory.CreateDirectory(folder);
        // Transient messages would cover the page in the picture; hide them just for the shot.
        var hide = await page.AddStyleTagAsync(new() { Content = ".mud-snackbar-location-bottom-right { display: none !important; }" });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
        await hide.EvaluateAsync("element => element.remove()");
    }
}
