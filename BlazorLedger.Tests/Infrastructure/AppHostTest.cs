namespace BlazorLedger.Tests.Infrastructure;

/// <summary>Base for tests of the running app: a fresh app for each test, without demo data unless <see cref="Start"/> says otherwise.</summary>
public abstract class AppHostTest : IAsyncLifetime
{
    protected AppHost App { get; private set; } = default!;

    /// <summary>Starts the app a test runs against; override to change its settings.</summary>
    protected virtual AppHost Start() => AppHost.WithoutDemoData();

    public virtual Task InitializeAsync()
    {
        App = Start();
        return Task.CompletedTask;
    }

    public virtual async Task DisposeAsync() => await App.DisposeAsync();
}
