using System.Net;
using BlazorLedger.Data;
using BlazorLedger.Features.Admin;
using BlazorLedger.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorLedger.Tests.Users;

/// <summary>A temporary password opens nothing but the page that replaces it, whatever the path or method.</summary>
public sealed class TemporaryPasswordGateTests : AppHostTest
{
    [Fact]
    public async Task Downloads_account_pages_and_form_posts_all_wait_for_an_own_password()
    {
        var admin = await App.AdminAsync();
        var (temporary, id) = await App.WithScopeAsync(async s =>
        {
            var users = s.GetRequiredService<UserCommands>();
            var created = await users.CreateAsync(admin, "tess@example.com", "Tess", sendInvitation: false);
            var tess = (await s.GetRequiredService<UserManager<ApplicationUser>>().FindByEmailAsync("tess@example.com"))!;
            Assert.True((await users.SetAdminAsync(admin, tess.Id, true)).Succeeded);
            return (created.Value!.TemporaryPassword!, tess.Id);
        });
        using var browser = App.NewBrowser();
        Assert.Equal(HttpStatusCode.Redirect, (await AppHost.SignInAsync(browser, "tess@example.com", temporary)).StatusCode);

        var csv = await browser.GetAsync("/admin/audit.csv");
        var email = await browser.GetAsync("/Account/Manage/Email");
        var download = await AppHost.PostFormAsync(browser, "Account/Manage/DownloadPersonalData", "", new(), tokenFrom: "Account/Manage/ChangePassword");
        var changePage = await browser.GetAsync("/Account/Manage/ChangePassword");

        Assert.Equal("/Account/Manage/ChangePassword", new Uri(App.BaseAddress, csv.Headers.Location!).AbsolutePath);
        Assert.Equal("/Account/Manage/ChangePassword", new Uri(App.BaseAddress, email.Headers.Location!).AbsolutePath);
        Assert.Equal(HttpStatusCode.Forbidden, download.StatusCode);
        Assert.Equal(HttpStatusCode.OK, changePage.StatusCode);
        Assert.Contains("temporary password", await changePage.Content.ReadAsStringAsync());

        var changed = await AppHost.PostFormAsync(browser, "Account/Manage/ChangePassword", "change-password", new()
        {
            ["Input.OldPassword"] = temporary,
            ["Input.NewPassword"] = "Tess-Own-Pass-1",
            ["Input.ConfirmPassword"] = "Tess-Own-Pass-1",
        });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        var csvAfter = await browser.GetAsync("/admin/audit.csv");
        Assert.Equal(HttpStatusCode.OK, csvAfter.StatusCode);
        Assert.Contains(id, await csvAfter.Content.ReadAsStringAsync());
    }
}
