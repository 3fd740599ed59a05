using BlazorLedger;
using BlazorLedger.Data.Seeding;

var builder = WebApplication.CreateBuilder(args);
builder.AddLedger();

var app = builder.Build();
app.MapLedger();
await app.InitializeLedgerDatabaseAsync();
await app.RunAsync();

/// <summary>Entry point; public so that tests can host the app.</summary>
public partial class Program;
