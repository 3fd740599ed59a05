using BlazorLedger.Data;
using BlazorLedger.Features.Mail;
using BlazorLedger.Tests.Infrastructure;
using BlazorLedger.Tests.Infrastructure.Postgres;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BlazorLedger.Tests.Mail;

/// <summary>What goes into a message is text, whoever chose it; what goes into the log holds no credential.</summary>
public abstract class MailTests : IAsyncLifetime
{
    internal const string NastyName = "<script>alert('x')</script> \"Q\" & Co\r\nBcc: victim@example.com";
    private TestLedger ledger = default!;

    public async Task InitializeAsync() => ledger = await TestLedger.ForAsync(this);

    public async Task DisposeAsync() => await ledger.DisposeAsync();

    [DbFact]
    public async Task A_book_name_with_markup_quotes_and_line_breaks_is_text_in_the_invitation_and_breaks_no_header()
    {
        var owner = await ledger.CreateUserAsync("olga");
        await using (var db = await ledger.DbAsync())
        {
            await db.Books.Where(b => b.Id == owner.BookId).ExecuteUpdateAsync(s => s.SetProperty(b => b.Name, NastyName));
        }

        var sent = await ledger.Invitations.InviteToBookAsync(owner.Actor, owner.BookId, "bob@example.com", BookRole.Viewer);

        Assert.True(sent.Succeeded, sent.Message);
        await using var check = await ledger.DbAsync();
        var mail = await check.Outbox.SingleAsync();
        Assert.DoesNotContain("<script", mail.HtmlBody);
        Assert.Contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &quot;Q&quot; &amp; Co  Bcc: victim@example.com", mail.HtmlBody);
        Assert.DoesNotContain('\n', mail.Subject);
        Assert.DoesNotContain('\r', mail.Subject);
        Assert.Contains("Co  Bcc:", mail.Subject);
    }

    [DbFact]
    public async Task The_log_gets_the_recipient_and_subject_but_never_the_body_with_its_link()
    {
        var log = new ListLogger();
        var outbox = new Outbox(ledger.Services.GetRequiredService<IDbContextFactory<LedgerDbContext>>(), TimeProvider.System,
            Options.Create(new MailOptions()), log);
        const string link = "https://ledger.test/Account/ResetPassword?code=SECRET-TOKEN";

        await outbox.SendAsync("fay@example.com", "Reset your password", MailHtml.Format($"<a href=\"{link}\">reset</a>"));

        var line = Assert.Single(log.Lines);
        Assert.Contains("fay@example.com", line);
        Assert.Contains("Reset your password", line);
        Assert.DoesNotContain("SECRET-TOKEN", line);
        Assert.DoesNotContain("href", line);
    }

    private sealed class ListLogger : ILogger<Outbox>
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Add(formatter(state, exception));
    }
}

public sealed class MailTestsOnSqlite : MailTests;

public sealed class MailTestsOnPostgres : MailTests, IOnPostgres;
