using System.Globalization;
using BlazorLedger.Features.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BlazorLedger.Tests.Api;

/// <summary>API dates are ISO 8601 whatever culture the server runs in; the server's culture never decides what a client meant.</summary>
public sealed class ApiDateTests
{
    public static TheoryData<string> Cultures => ["en-US", "de-DE", "th-TH", "ar-SA", "fa-IR"];

    private static T UnderCulture<T>(string culture, Func<T> action)
    {
        var (before, beforeUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            return action();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (before, beforeUi);
        }
    }

    [Theory]
    [MemberData(nameof(Cultures))]
    public void An_iso_date_filter_means_the_same_gregorian_day_under_every_server_culture(string culture)
    {
        var (problem, from, to) = UnderCulture(culture, () =>
            (ApiEndpoints.PagingProblem(null, "2026-11-25", "2026-12-31", out _, out var start, out var end), start, end));

        Assert.Null(problem);
        Assert.Equal(new DateOnly(2026, 11, 25), from);
        Assert.Equal(new DateOnly(2026, 12, 31), to);
    }

    public static TheoryData<string, string> NotIso => new()
    {
        { "en-US", "11/25/2026" },
        { "en-US", "Nov 25, 2026" },
        { "de-DE", "25.11.2026" },
        { "de-DE", "2026-11-25T00:00:00" },
        { "fr-FR", "25/11/2026" },
        { "en-GB", " 2026-11-25" },
        { "en-GB", "2026-1-5" },
        { "en-GB", "26-11-25" },
        { "en-GB", "2026-02-30" },
        { "en-GB", "" },
    };

    [Theory]
    [MemberData(nameof(NotIso))]
    public void A_date_filter_in_any_other_form_is_refused_with_an_error_keyed_by_the_field(string culture, string text)
    {
        var problem = UnderCulture(culture, () => ApiEndpoints.PagingProblem(null, text, text, out _, out _, out _));

        var result = Assert.IsType<ProblemHttpResult>(problem);
        Assert.Equal(StatusCodes.Status400BadRequest, result.StatusCode);
        var errors = Assert.IsType<HttpValidationProblemDetails>(result.ProblemDetails).Errors;
        // Written the right way, a day the calendar lacks is named as such.
        string[] expected = [text == "2026-02-30" ? "There is no day 2026-02-30 in the calendar: check the month and the day." : "Give a date as yyyy-MM-dd."];
        Assert.Equal(expected, errors["from"]);
        Assert.Equal(expected, errors["to"]);
    }
}
