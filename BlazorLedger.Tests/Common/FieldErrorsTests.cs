using BlazorLedger.Common;

namespace BlazorLedger.Tests.Common;

public sealed class FieldErrorsTests
{
    [Fact]
    public void A_field_shows_all_its_errors_on_one_line_and_other_fields_show_none()
    {
        var validation = new ValidationErrors();
        validation.Add("Name", "Enter a name.");
        validation.Add("Name", "Use at most 100 characters.");

        var errors = FieldErrors.Of(validation.ToResult<int>());

        Assert.True(errors.Any);
        Assert.True(errors.Has("Name"));
        Assert.Equal("Enter a name. Use at most 100 characters.", errors.For("Name"));
        Assert.False(errors.Has("Email"));
        Assert.Null(errors.For("Email"));
    }

    [Fact]
    public void A_successful_result_has_no_field_errors()
    {
        var errors = FieldErrors.Of(Result<int>.Ok(1));

        Assert.False(errors.Any);
        Assert.Null(errors.For("Name"));
        Assert.False(FieldErrors.None.Has("Name"));
    }

    [Fact]
    public void A_conflict_carries_its_message_but_marks_no_field()
    {
        var errors = FieldErrors.Of(Result<int>.Conflict("Changed by someone else."));

        Assert.False(errors.Any);
    }
}
