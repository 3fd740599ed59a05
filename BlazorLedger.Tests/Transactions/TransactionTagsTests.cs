using BlazorLedger.Common;
using BlazorLedger.Features.Transactions;

namespace BlazorLedger.Tests.Transactions;

public sealed class TransactionTagsTests
{
    [Fact]
    public void Every_tag_that_cannot_be_stored_is_named_at_once()
    {
        var errors = new ValidationErrors();

        TransactionTags.Validate(TransactionTags.Normalize(["travel", "a b", "ok", "x!", "tab\there", new string('t', 33)]), errors);

        Assert.Equal(["A tag has 1 to 32 letters, digits, \"-\", \"_\", \"/\" or \".\"; these do not: \"a b\", \"x!\", \"tab?here\", \"" + new string('t', 33) + "\"."],
            errors.ToDictionary()[TransactionTags.Field]);
    }

    [Fact]
    public void One_bad_tag_is_named_alone_and_good_tags_pass()
    {
        var errors = new ValidationErrors();
        TransactionTags.Validate(TransactionTags.Normalize(["Travel", "x!"]), errors);
        var none = new ValidationErrors();
        TransactionTags.Validate(TransactionTags.Normalize(["Travel", "trips/2026", "a.b_c-d"]), none);

        Assert.Equal(["A tag has 1 to 32 letters, digits, \"-\", \"_\", \"/\" or \".\"; \"x!\" does not."], errors.ToDictionary()[TransactionTags.Field]);
        Assert.False(none.Any);
    }
}
