using BlazorLedger.Features.Mail;

namespace BlazorLedger.Tests.Mail;

/// <summary>What goes into a message is text, whoever chose it (no database).</summary>
public sealed class MailHtmlTests
{
    [Fact]
    public void Every_value_placed_into_a_message_is_encoded_and_kept_on_one_line()
    {
        const string link = "https://ledger.test/a?b=1&c=\"><script>";

        var html = MailHtml.Format($"<p><strong>{MailTests.NastyName}</strong> <a href=\"{link}\">go</a></p>").Value;

        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("\r", html);
        Assert.DoesNotContain("\n", html);
        Assert.Contains("&lt;script&gt;", html);
        Assert.Contains("href=\"https://ledger.test/a?b=1&amp;c=&quot;&gt;&lt;script&gt;\"", html);
        Assert.StartsWith("<p><strong>", html);
    }
}
