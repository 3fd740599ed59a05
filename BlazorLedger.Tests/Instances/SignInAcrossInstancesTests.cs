using System.Net;
using BlazorLedger.Tests.Infrastructure;
using BlazorLedger.Tests.Infrastructure.Postgres;
using Microsoft.EntityFrameworkCore;

namespace BlazorLedger.Tests.Instances;

/// <summary>Behind a load balancer, a person's requests land on any instance: what one issued, the others accept.</summary>
public sealed class SignInAcrossInstancesTests : TwoInstancesTest
{
    [DbFact]
    public async Task A_form_from_one_instance_signs_in_on_the_other_whose_cookie_the_first_accepts()
    {
        var cookies = new CookieContainer();
        using var onA = A.NewBrowser(cookies);
        using var onB = B.NewBrowser(cookies);
        using var stranger = A.NewBrowser();

        // The sign-in form (its antiforgery token and cookie) comes from A; B takes the post and issues the sign-in cookie.
        var signIn = await AppHost.PostFormAsync(onB, "Account/Login", "login",
            new() { ["Input.Email"] = AppHost.AdminEmail, ["Input.Password"] = AppHost.AdminPassword },
            tokenFrom: new Uri(A.BaseAddress, "Account/Login").ToString());
        var homeOnA = await onA.GetAsync("/");
        var homeOnB = await onB.GetAsync("/");
        var strangersHome = await stranger.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.DoesNotContain("Account/Login", signIn.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, homeOnA.StatusCode);
        Assert.Contains("Chart of accounts", await homeOnA.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, homeOnB.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, strangersHome.StatusCode);
        Assert.StartsWith("/Account/Login", strangersHome.Headers.Location!.PathAndQuery);
        // One key, made under the start-up lock by the first instance and read by the second.
        Assert.Equal(1, await A.WithDbAsync(db => db.DataProtectionKeys.CountAsync()));
    }
}
