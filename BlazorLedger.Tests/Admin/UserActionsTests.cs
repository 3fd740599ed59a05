using BlazorLedger.Common;
using BlazorLedger.Features.Admin;
using BlazorLedger.Features.Users;

namespace BlazorLedger.Tests.Admin;

public sealed class UserActionsTests
{
    private static UserRow Maria(UserStatus status = UserStatus.Active, bool admin = false) =>
        new("u1", "Maria", "maria@example.com", admin, DateTime.UnixEpoch, null, 0, status, 1);

    [Fact]
    public void The_menu_offers_the_opposite_of_the_users_current_state()
    {
        Assert.Equal([UserAction.Lock, UserAction.Disable, UserAction.MakeAdmin, UserAction.SendPasswordReset, UserAction.Delete],
            UserActions.For(Maria()));
        Assert.Contains(UserAction.Unlock, UserActions.For(Maria(UserStatus.Locked)));
        Assert.Contains(UserAction.Enable, UserActions.For(Maria(UserStatus.Disabled)));
        Assert.Contains(UserAction.RevokeAdmin, UserActions.For(Maria(admin: true)));
    }

    [Theory]
    [InlineData(UserAction.Lock, "Maria is locked.")]
    [InlineData(UserAction.Unlock, "Maria is unlocked.")]
    [InlineData(UserAction.Disable, "Maria is disabled.")]
    [InlineData(UserAction.Enable, "Maria is enabled again.")]
    [InlineData(UserAction.MakeAdmin, "Maria is now an administrator.")]
    [InlineData(UserAction.RevokeAdmin, "Maria is no longer an administrator.")]
    [InlineData(UserAction.SendPasswordReset, "A password reset link is on its way to maria@example.com.")]
    [InlineData(UserAction.Delete, "Maria was deleted.")]
    public void What_the_admin_is_told_is_a_sentence_about_the_user(UserAction action, string message)
    {
        Assert.Equal(message, UserActions.Done(Maria(), action));
    }

    [Fact]
    public void No_label_or_message_shows_an_enum_name()
    {
        foreach (var action in Enum.GetValues<UserAction>())
        {
            var words = new[] { UserActions.Label(action), UserActions.Done(Maria(), action), UserActions.PromptFor(Maria(), action)?.Title ?? "" };
            Assert.All(words, w => Assert.DoesNotMatch("[a-z][A-Z]", w)); // MakeAdmin, SendPasswordReset, RevokeAdmin...
        }
    }

    [Fact]
    public void A_deletion_says_what_happened_to_the_books_only_they_owned()
    {
        Assert.Equal("Maria was deleted, with 2 books only they owned.", UserActions.Deleted(Maria(), new DeletedUser("u1", null, 2, 0)));
        Assert.Equal("Maria was deleted; you now own 1 book that only they owned.", UserActions.Deleted(Maria(), new DeletedUser("u1", null, 0, 1)));
        Assert.Equal("Maria was deleted.", UserActions.Deleted(Maria(), new DeletedUser("u1", null, 0, 0)));
    }

    [Fact]
    public void Taking_access_away_is_confirmed_first_and_giving_it_back_is_not()
    {
        Assert.All(new[] { UserAction.Lock, UserAction.Disable, UserAction.RevokeAdmin, UserAction.Delete },
            a => Assert.Contains("Maria", UserActions.PromptFor(Maria(), a)!.Title));
        Assert.All(new[] { UserAction.Unlock, UserAction.Enable, UserAction.MakeAdmin, UserAction.SendPasswordReset },
            a => Assert.Null(UserActions.PromptFor(Maria(), a)));
    }

    [Fact]
    public void Cancel_stops_every_action_and_no_goes_on_only_where_it_is_a_choice()
    {
        var lockPrompt = UserActions.PromptFor(Maria(), UserAction.Lock)!;
        var deletePrompt = UserActions.PromptFor(Maria(), UserAction.Delete)!;

        Assert.True(lockPrompt.Proceeds(true));
        Assert.False(lockPrompt.Proceeds(false));
        Assert.False(lockPrompt.Proceeds(null));
        Assert.True(deletePrompt.Proceeds(true));
        Assert.True(deletePrompt.Proceeds(false)); // "Give their books to me"
        Assert.False(deletePrompt.Proceeds(null));
    }

    [Fact]
    public void A_created_user_clears_the_form_and_keeps_the_secret_to_show_once()
    {
        var form = new NewUserForm { Name = "Tina", Email = "tina@example.com" };

        var problem = form.Apply(Result<CreatedUser>.Created(new CreatedUser("tina@example.com", "abcd-efgh", null)));

        Assert.Null(problem);
        Assert.Equal(("", ""), (form.Name, form.Email));
        Assert.Equal("abcd-efgh", form.Created!.TemporaryPassword);
        Assert.False(form.Errors.Any);
    }

    [Fact]
    public void A_refused_user_keeps_what_was_typed_and_says_why_on_the_field_or_in_a_message()
    {
        var form = new NewUserForm { Name = "", Email = "tina@example.com" };

        var invalid = form.Apply(Result<CreatedUser>.Invalid("DisplayName", "Enter a name of 1 to 100 characters."));
        Assert.Null(invalid);
        Assert.Equal("Enter a name of 1 to 100 characters.", form.Errors.For("DisplayName"));
        Assert.Equal("tina@example.com", form.Email);

        var forbidden = form.Apply(Result<CreatedUser>.Forbidden(AdminAccess.Denied));
        Assert.Equal(AdminAccess.Denied, forbidden);
        Assert.False(form.Errors.Any);
        Assert.Null(form.Created);
    }
}
