using System.Net;
using Microsoft.EntityFrameworkCore;
using OnePlace.Core.Audit;
using OnePlace.Core.Staff;

namespace OnePlace.Web.Tests;

public sealed class SignInTests
{
    [Fact]
    public async Task Sign_in_page_is_served_to_anyone()
    {
        await using var app = await OnePlaceApp.StartAsync();
        using var browser = app.Browser();

        var html = await browser.GetPageAsync("/sign-in");

        Assert.Contains("<h1>Sign in to OnePlace</h1>", html, StringComparison.Ordinal);
        Assert.Contains("name=\"__RequestVerificationToken\"", html, StringComparison.Ordinal);
        Assert.Contains("nhsuk-header", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/people")]
    [InlineData("/people/5d7f5f5e-0000-4000-8000-000000000001?reason=direct-care")]
    public async Task Anonymous_request_for_a_page_is_sent_to_sign_in(string path)
    {
        await using var app = await OnePlaceApp.StartAsync();
        using var browser = app.Browser();

        var response = await browser.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/sign-in?ReturnUrl=", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stylesheet_and_health_need_no_sign_in()
    {
        await using var app = await OnePlaceApp.StartAsync();
        using var browser = app.Browser();

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/lib/nhsuk-frontend/nhsuk-frontend.min.css")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/assets/images/nhsuk-icon-search.svg")).StatusCode);
    }

    [Fact]
    public async Task Signing_in_and_a_wrong_password_are_both_audited()
    {
        await using var app = await OnePlaceApp.StartAsync();
        var email = await app.AddStaffAsync(StaffRoles.Practitioner);
        using var browser = app.Browser();

        var wrong = await browser.SignInAsync(email, "not the password at all");
        var right = await browser.SignInAsync(email, OnePlaceApp.Password);

        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("Enter a correct email address and password", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal("/", LocalPath(right));
        await using var db = app.OpenStore();
        var rows = await db.AuditLog.Where(a => a.Actor == email).OrderBy(a => a.Id).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal([AuditAction.SignInFailed, AuditAction.SignIn], rows.Select(r => r.Action));
        Assert.Equal("reason=wrong_email_or_password", rows[0].Detail);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_against_the_right_one()
    {
        await using var app = await OnePlaceApp.StartAsync();
        var email = await app.AddStaffAsync(StaffRoles.SpaCoordinator);
        using var browser = app.Browser();

        for (var attempt = 1; attempt <= 5; attempt++)
        {
            await browser.SignInAsync(email, $"wrong guess number {attempt}");
        }

        var right = await browser.SignInAsync(email, OnePlaceApp.Password);

        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("Your account is locked", await right.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/")).StatusCode);
        await using var db = app.OpenStore();
        var user = await db.Users.SingleAsync(u => u.UserName == email, TestContext.Current.CancellationToken);
        Assert.True(user.LockoutEnd > DateTimeOffset.UtcNow.AddMinutes(14));
        Assert.Equal("reason=locked_out", (await db.AuditLog.OrderBy(a => a.Id).LastAsync(TestContext.Current.CancellationToken)).Detail);
    }

    [Fact]
    public async Task Four_wrong_passwords_do_not_lock_the_account()
    {
        await using var app = await OnePlaceApp.StartAsync();
        var email = await app.AddStaffAsync(StaffRoles.SpaCoordinator);
        using var browser = app.Browser();

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            await browser.SignInAsync(email, $"wrong guess number {attempt}");
        }

        Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInAsync(email, OnePlaceApp.Password)).StatusCode);
    }

    [Fact]
    public async Task Sign_in_follows_only_local_return_addresses()
    {
        await using var app = await OnePlaceApp.StartAsync();
        var email = await app.AddStaffAsync(StaffRoles.Practitioner);
        using var browser = app.Browser();

        var response = await browser.SubmitAsync("/sign-in", "sign-in", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = OnePlaceApp.Password,
            ["Input.ReturnUrl"] = "//evil.example/",
        });

        Assert.Equal("/", LocalPath(response));
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        await using var app = await OnePlaceApp.StartAsync();
        using var browser = await app.SignedInAsync(StaffRoles.Practitioner);

        var home = await browser.GetPageAsync("/");
        var token = System.Text.RegularExpressions.Regex.Match(home, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var response = await browser.Client.PostAsync(new Uri("/sign-out", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = System.Net.WebUtility.HtmlDecode(token) }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Signing_out_without_the_antiforgery_token_is_refused()
    {
        await using var app = await OnePlaceApp.StartAsync();
        using var browser = await app.SignedInAsync(StaffRoles.Practitioner);

        var response = await browser.Client.PostAsync(new Uri("/sign-out", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).StatusCode);
    }

    /// <summary>Where a redirect goes, asserting that it stays on this site.</summary>
    private static string LocalPath(HttpResponseMessage response)
    {
        var location = new Uri(new Uri("http://localhost"), response.Headers.Location!);
        Assert.Equal("localhost", location.Host);
        return location.PathAndQuery;
    }
}
