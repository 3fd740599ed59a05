using System.Diagnostics;

namespace BlazorLedger.Tests.Export;

/// <summary>
/// hledger, Ledger and Beancount, the oracles the journal exports are checked against: installed from the distribution's
/// packages once per test run when missing (apt-get update first if the plain install fails). A machine where they cannot
/// be installed fails the tests that need them, with the reason; nothing is skipped.
/// </summary>
public sealed class PlainTextTools : IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        if (await AllInstalledAsync())
        {
            return;
        }
        var install = "DEBIAN_FRONTEND=noninteractive apt-get install -y hledger ledger beancount";
        var sudo = Environment.UserName == "root" ? "" : "sudo -n ";
        var first = await RunAsync("sh", "-c", $"{sudo}env {install}");
        if (first.Exit != 0)
        {
            var update = await RunAsync("sh", "-c", $"{sudo}apt-get update && {sudo}env {install}");
            if (update.Exit != 0)
            {
                throw new InvalidOperationException(
                    "hledger, ledger and beancount are needed to check the journal exports and could not be installed with apt-get " +
                    $"(install them by hand: apt-get install hledger ledger beancount).\n{first.Error}\n{update.Error}");
            }
        }
        if (!await AllInstalledAsync())
        {
            throw new InvalidOperationException("apt-get installed hledger, ledger and beancount, but hledger, ledger or bean-check is still not on the PATH.");
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static async Task<bool> AllInstalledAsync() =>
        await ExistsAsync("hledger") && await ExistsAsync("ledger") && await ExistsAsync("bean-check");

    private static async Task<bool> ExistsAsync(string command) => (await RunAsync("sh", "-c", $"command -v {command}")).Exit == 0;

    /// <summary>Runs a program to its end; returns its exit code and what it printed.</summary>
    public static async Task<(int Exit, string Output, string Error)> RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["LANG"] = "C.UTF-8";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }
}
