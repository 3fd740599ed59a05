using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace BlazorLedger.Tests.Hosting;

/// <summary>
/// The built app, started as people start it, listens where the usual settings say (what container images set included),
/// and on http://localhost:5080 when nothing says anything.
/// </summary>
public sealed class ListeningAddressTests
{
    public static TheoryData<string> Ways => new() { "--urls", "ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS", "Urls" };

    [Theory]
    [MemberData(nameof(Ways))]
    public async Task The_address_is_taken_from_each_usual_setting(string way)
    {
        var port = FreePort();
        var address = $"http://127.0.0.1:{port}";
        var (arguments, environment) = way switch
        {
            "--urls" => (new[] { "--urls", address }, new Dictionary<string, string>()),
            "ASPNETCORE_HTTP_PORTS" => ([], new Dictionary<string, string> { [way] = port.ToString(CultureInfo.InvariantCulture) }),
            _ => (Array.Empty<string>(), new Dictionary<string, string> { [way] = address }),
        };

        await using var app = await StartedApp.StartAsync(arguments, environment);

        Assert.Contains($":{port}", app.ListeningOn);
        using var client = new HttpClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"{address}/Account/Login")).StatusCode);
    }

    [Fact]
    public async Task With_no_setting_it_listens_on_localhost_5080()
    {
        await using var app = await StartedApp.StartAsync([], []);

        Assert.Equal("http://localhost:5080", app.ListeningOn);
        using var client = new HttpClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("http://localhost:5080/Account/Login")).StatusCode);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The app's own build output run with <c>dotnet BlazorLedger.dll</c>, with its own database and keys.</summary>
    private sealed class StartedApp : IAsyncDisposable
    {
        private readonly Process process;
        private readonly string folder;

        private StartedApp(Process process, string folder, string listeningOn)
        {
            this.process = process;
            this.folder = folder;
            ListeningOn = listeningOn;
        }

        public string ListeningOn { get; }

        public static async Task<StartedApp> StartAsync(string[] arguments, Dictionary<string, string> environment)
        {
            // Tests run from BlazorLedger.Tests/bin/<configuration>/<framework>/; the app is built beside them.
            var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var appOutput = Path.Combine(testOutput.Parent!.Parent!.Parent!.Parent!.FullName, "BlazorLedger", "bin",
                testOutput.Parent.Name, testOutput.Name);
            var folder = Directory.CreateTempSubdirectory("ledger-listen-").FullName;
            var start = new ProcessStartInfo("dotnet") { WorkingDirectory = appOutput, RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(Path.Combine(appOutput, "BlazorLedger.dll"));
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }
            foreach (var inherited in new[] { "ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS", "DOTNET_URLS", "Urls", "URLS" })
            {
                start.Environment.Remove(inherited);
            }
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
            start.Environment["ConnectionStrings__Ledger"] = $"Data Source={Path.Combine(folder, "ledger.db")}";
            start.Environment["DataProtection__KeysPath"] = Path.Combine(folder, "keys");
            start.Environment["Seed__AdminPassword"] = "Listen-Admin-Pass-1";
            foreach (var (key, value) in environment)
            {
                start.Environment[key] = value;
            }

            var process = Process.Start(start)!;
            var listening = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            var output = new List<string>();
            process.OutputDataReceived += (_, line) =>
            {
                if (line.Data is null)
                {
                    listening.TrySetException(new InvalidOperationException("The app stopped:\n" + string.Join("\n", output)));
                    return;
                }
                lock (output)
                {
                    output.Add(line.Data);
                }
                if (line.Data.Contains("Now listening on: ", StringComparison.Ordinal))
                {
                    listening.TrySetResult(line.Data[(line.Data.IndexOf("Now listening on: ", StringComparison.Ordinal) + 18)..].Trim());
                }
            };
            process.ErrorDataReceived += (_, line) =>
            {
                lock (output)
                {
                    output.Add(line.Data ?? "");
                }
            };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var app = new StartedApp(process, folder, "");
            try
            {
                return new StartedApp(process, folder, await listening.Task.WaitAsync(TimeSpan.FromSeconds(90)));
            }
            catch
            {
                await app.DisposeAsync();
                throw;
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
            await process.WaitForExitAsync();
            process.Dispose();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}
