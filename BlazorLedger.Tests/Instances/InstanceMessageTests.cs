using BlazorLedger.Features.Books;
using BlazorLedger.Features.Instances;

namespace BlazorLedger.Tests.Instances;

public sealed class InstanceMessageTests
{
    [Fact]
    public void Every_message_reads_back_as_it_was_sent_and_stays_small()
    {
        var origin = Guid.NewGuid();
        InstanceMessage[] messages =
        [
            InstanceMessage.ForBook(origin, new BookChange(Guid.NewGuid(), BookChangeKind.Transactions)),
            InstanceMessage.ForBook(origin, new BookChange(Guid.NewGuid(), BookChangeKind.Members)),
            new(origin, InstanceMessageKind.Activity),
            new(origin, InstanceMessageKind.Circuits),
        ];

        foreach (var message in messages)
        {
            var payload = message.ToPayload();
            Assert.Equal(message, InstanceMessage.Parse(payload));
            Assert.True(payload.Length < 100, payload);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("hello")]
    [InlineData("not-a-guid activity")]
    [InlineData("0123456789abcdef0123456789abcdef book 0123456789abcdef0123456789abcdef Weather")]
    [InlineData("0123456789abcdef0123456789abcdef book 0123456789abcdef0123456789abcdef 42")]
    [InlineData("0123456789abcdef0123456789abcdef activity extra")]
    [InlineData("0123456789abcdef0123456789abcdef something-newer")]
    public void A_payload_it_does_not_understand_is_ignored(string payload) => Assert.Null(InstanceMessage.Parse(payload));
}
