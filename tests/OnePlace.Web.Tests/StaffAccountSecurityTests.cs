using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OnePlace.Core.Audit;
using OnePlace.Core.Staff;
using OnePlace.Web.Features.SignIn;
using OtpNet;

namespace OnePlace.Web.Tests;

/// <summary>Password rules, the authenticator app as a second factor, and disabling accounts, on the real host and store.</summary>
public sealed partial class StaffAccountSecurityTests
{
    [GeneratedRegex("id=\"authenticator-key\">([a-z2-7 ]+)</code>")]
    private static partial Regex KeyOnPage();

    private static async Task<IdentityResult> CreateAsync(OnePlaceApp app, string email, string displayName, string password)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        return await users.CreateAsync(new StaffUser { UserName = email, Email = email, DisplayName = displayName }, password);
    }

    [Theory]
    [InlineData("short words", "PasswordTooShort")]
    [InlineData("qwerty123456", StaffPasswordValidator.CommonCode)]
    [InlineData("LeaveMeAlone", StaffPasswordValidator.CommonCode)]
    [InlineData("rhiannon.pritchard 2026!", StaffPasswordValidator.PersonalCode)]
    [InlineData("my name is Pritchard ok", StaffPasswordValidator.PersonalCode)]
    [InlineData("welcome to oneplace today", StaffPasswordValidator.PersonalCode)]
    public async Task A_short_common_or_personal_password_is_refused(string password, string code)
    {
        await using var app = await OnePlaceApp.StartAsync();

        var result = await CreateAsync(app, "rhiannon.pritchard@partnership.test", "Rhiannon Pritchard", password);

        Assert.False(result.Succeeded);
        Assert.Contains(code, result.Errors.Select(e => e.Code));
    }

    [Theory]
    [InlineData("correct horse battery staple")]
    [InlineData("alllowercaseonlyletters")]
    [InlineData("a passphrase of sixty-four characters and more, with spaces: fine too")]
    public async Task A_long_password_of_any_composition_is_accepted(string password)
    {
        await using var app = await OnePlaceApp.StartAsync();

        var result = await CreateAsync(app, "rhiannon.pritchard@partnership.test", "Rhiannon Pritchard", password);

        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
    }

    [Fact]
    public void The_common_password_list_ships_with_thirty_thousand_entries()
    {
        Assert.Equal(30_000, StaffPasswordValidator.CommonPasswordCount);
        Assert.True(StaffPasswordValidator.IsCommon("Password"));
        Assert.False(StaffPasswordValidator.IsCommon("correct horse battery staple"));
    }

    [Fact]
    public async Task A_password_over_the_maximum_length_is_refused()
    {
        await using var app = await OnePlaceApp.StartAsync();

        var result = await CreateAsync(app, "a@partnership.test", "A", new string('x', 100) + new string('y', 29));

        Assert.Contains(StaffPasswordValidator.TooLongCode, result.Errors.Select(e => e.Code));
    }

    /// <summary>Sets up the authenticator app through the set-up page, with a code computed from the key it shows.</summary>
    private static async Task<(string Key, IReadOnlyList<string> RecoveryCodes)> EnrolAsync(StaffBrowser browser)
    {
        var page = await browser.GetPageAsync("/account/authenticator");
        var key = KeyOnPage().Match(page).Groups[1].Value.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        Assert.NotEmpty(key);
        Assert.Contains("otpauth://totp/OnePlace:", page, StringComparison.Ordinal);
        Assert.Contains("<svg", page, StringComparison.Ordinal);

        var wrong = await browser.SubmitAsync("/account/authenticator", "authenticator", new Dictionary<string, string> { ["Input.Code"] = WrongCode(key) });
        Assert.Contains("The code is wrong or has expired", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var right = await browser.SubmitAsync("/account/authenticator", "authenticator", new Dictionary<string, string> { ["Input.Code"] = Code(key) });
        var html = await right.Content.ReadAsStringAsync();
        Assert.Contains("Your authenticator app is set up", html, StringComparison.Ordinal);
        var codes = Regex.Matches(html, "<li><code>([^<]+)</code></li>").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(10, codes.Count);
        return (key, codes);
    }

    /// <summary>RFC 6238 with the defaults Identity checks (SHA-1, 6 digits, 30 s), computed by Otp.NET, not by OnePlace.</summary>
    private static string Code(string key) => new Totp(Base32Encoding.ToBytes(key)).ComputeTotp(DateTime.UtcNow);

    /// <summary>A code no time step near now produces.</summary>
    private static string WrongCode(string key)
    {
        var totp = new Totp(Base32Encoding.ToBytes(key));
        var near = Enumerable.Range(-3, 7).Select(step => totp.ComputeTotp(DateTime.UtcNow.AddSeconds(30 * step))).ToHashSet();
        return Enumerable.Range(0, 1_000_000).Select(n => n.ToString("D6", System.Globalization.CultureInfo.InvariantCulture)).First(c => !near.Contains(c));
    }

    [Fact]
    public async Task After_setting_up_an_authenticator_sign_in_needs_its_code_and_wrong_codes_are_audited()
    {
        await using var app = await OnePlaceApp.StartAsync();
        var email = await app.AddStaffAsync(StaffRoles.Practitioner);
        (string key, _) = await EnrolWithNewBrowserAsync(app, email);
        using var browser = app.Browser();

        var password = await browser.SignInAsync(email, OnePlaceApp.Password);
        Assert.Equal(HttpStatusCode.Redirect, password.StatusCode);
        Assert.StartsWith("/sign-in/code", new Uri(new Uri("http://localhost"), password.Headers.Location!).PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/")).StatusCode);

        var wrong = await browser.SubmitAsync("/sign-in/code", "two-factor", new Dictionary<string, string> { ["Input.Code"] = WrongCode(key) });
        Assert.Contains("The code is wrong or has expired", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var right = await browser.SubmitAsync("/sign-in/code", "two-factor", new Dictionary<string, string> { ["Input.Code"] = Code(key) });

        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).StatusCode);
        await using var db = app.OpenStore();
        var rows = await db.AuditLog.Where(a => a.Actor == email).OrderBy(a => a.Id).Select(a => a.Action + " " + a.Detail).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Contains(AuditAction.MfaEnrolled + " ", rows);
        Assert.Equal([AuditAction.SignInFailed + " reason=wrong_code", AuditAction.SignIn + " factor=totp"], rows.TakeLast(2));
    }

    private static async Task<(string Key, IReadOnlyList<string> RecoveryCodes)> EnrolWithNewBrowserAsync(OnePlaceApp app, string email)
    {
        using var browser = app.Browser();
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInAsync(email, OnePlaceApp.Password)).StatusCode);
        return await EnrolAsync(browser);
    }

    [Fact]
    public async Task A_recovery_code_signs_in_once_only()
    {
        await using var app = await OnePlaceApp.StartAsync();
        var email = await app.AddStaffAsync(StaffRoles.Practitioner);
        (_, var codes) = await EnrolWithNewBrowserAsync(app, email);

        using var first = app.Browser();
        await first.SignInAsync(email, OnePlaceApp.Password);
        var used = await first.SubmitAsync("/sign-in/code", "two-factor", new Dictionary<string, string> { ["Input.RecoveryCode"] = codes[0] });
        using var second = app.Browser();
        await second.SignInAsync(email, OnePlaceApp.Password);
        var again = await second.SubmitAsync("/sign-in/code", "two-factor", new Dictionary<string, string> { ["Input.RecoveryCode"] = codes[0] });

        Assert.Equal(HttpStatusCode.Redirect, used.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await second.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Five_wrong_authenticator_codes_lock_the_account_even_against_the_right_code()
    {
        await using var app = await OnePlaceApp.StartAsync();
        var email = await app.AddStaffAsync(StaffRoles.SpaCoordinator);
        (string key, _) = await EnrolWithNewBrowserAsync(app, email);
        using var browser = app.Browser();
        await browser.SignInAsync(email, OnePlaceApp.Password);

        for (int attempt = 0; attempt < StaffSignInRegistration.MaxFailedAttempts; attempt++)
        {
            await browser.SubmitAsync("/sign-in/code", "two-factor", new Dictionary<string, string> { ["Input.Code"] = WrongCode(key) });
        }

        var right = await browser.SubmitAsync("/sign-in/code", "two-factor", new Dictionary<string, string> { ["Input.Code"] = Code(key) });

        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("Your account is locked", await right.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/")).StatusCode);
        await using var db = app.OpenStore();
        Assert.Equal("reason=locked_out", (await db.AuditLog.OrderBy(a => a.Id).LastAsync(TestContext.Current.CancellationToken)).Detail);
    }

    [Fact]
    public async Task When_every_account_must_use_a_second_factor_a_member_of_staff_without_one_is_sent_to_set_it_up()
    {
        await using var app = await OnePlaceApp.StartAsync(settings: new Dictionary<string, string?> { ["Security:RequireMfa"] = "all" });
        using var browser = await app.SignedInAsync(StaffRoles.Practitioner);

        var home = await browser.GetAsync("/people");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Equal("/account/authenticator", home.Headers.Location!.OriginalString);
        Assert.Contains("You must set up an authenticator app", await browser.GetPageAsync("/account/authenticator"), StringComparison.Ordinal);

        await EnrolAsync(browser);

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/people")).StatusCode);
    }

    [Fact]
    public async Task Requiring_a_second_factor_of_one_role_leaves_other_roles_alone()
    {
        await using var app = await OnePlaceApp.StartAsync(settings: new Dictionary<string, string?> { ["Security:RequireMfa"] = "Administrator, DataSteward" });
        using var practitioner = await app.SignedInAsync(StaffRoles.Practitioner);
        using var steward = await app.SignedInAsync(StaffRoles.DataSteward);

        Assert.Equal(HttpStatusCode.OK, (await practitioner.GetAsync("/")).StatusCode);
        Assert.Equal("/account/authenticator", (await steward.GetAsync("/")).Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Disabling_an_account_ends_its_open_session_and_refuses_sign_in_until_enabled()
    {
        // A stamp check on every request: in production it is a minute.
        await using var app = await OnePlaceApp.StartAsync(settings: new Dictionary<string, string?> { ["Security:Session:StampCheckInterval"] = "00:00:00" });
        using var browser = await app.SignedInAsync(StaffRoles.Practitioner);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).StatusCode);

        StaffAccountOutcome disabled, again, enabled, nobody;
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var change = scope.ServiceProvider.GetRequiredService<ChangeStaffAccountStatus>();
            disabled = await change.RunAsync(browser.Email!, StaffAccountChange.Disable, "admin@partnership.test", TestContext.Current.CancellationToken);
            again = await change.RunAsync(browser.Email!, StaffAccountChange.Disable, "admin@partnership.test", TestContext.Current.CancellationToken);
            nobody = await change.RunAsync("nobody@partnership.test", StaffAccountChange.Disable, "admin@partnership.test", TestContext.Current.CancellationToken);
        }

        var afterDisable = await browser.GetAsync("/");
        using var fresh = app.Browser();
        var refused = await fresh.SignInAsync(browser.Email!, OnePlaceApp.Password);
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            enabled = await scope.ServiceProvider.GetRequiredService<ChangeStaffAccountStatus>()
                .RunAsync(browser.Email!, StaffAccountChange.Enable, "admin@partnership.test", TestContext.Current.CancellationToken);
        }

        var allowed = await fresh.SignInAsync(browser.Email!, OnePlaceApp.Password);

        Assert.Equal((StaffAccountOutcome.Changed, StaffAccountOutcome.AlreadySo, StaffAccountOutcome.NoSuchAccount, StaffAccountOutcome.Changed), (disabled, again, nobody, enabled));
        Assert.Equal(HttpStatusCode.Redirect, afterDisable.StatusCode);
        Assert.StartsWith("/sign-in", afterDisable.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, allowed.StatusCode);
        await using var db = app.OpenStore();
        var rows = await db.AuditLog.Where(a => a.Actor == "admin@partnership.test").Select(a => a.Action).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal([AuditAction.StaffDisabled, AuditAction.StaffEnabled], rows);
    }

    [Fact]
    public async Task An_administrator_disables_an_account_and_resets_its_authenticator_on_the_staff_accounts_page()
    {
        await using var app = await OnePlaceApp.StartAsync(settings: new Dictionary<string, string?> { ["Security:Session:StampCheckInterval"] = "00:00:00" });
        var nurseEmail = await app.AddStaffAsync(StaffRoles.Practitioner);
        await EnrolWithNewBrowserAsync(app, nurseEmail);
        using var admin = await app.SignedInAsync(StaffRoles.Administrator);
        string nurseId;
        await using (var db = app.OpenStore())
        {
            nurseId = (await db.Users.SingleAsync(u => u.Email == nurseEmail, TestContext.Current.CancellationToken)).Id;
        }

        var list = await admin.GetPageAsync("/admin/staff");
        var reset = await admin.SubmitAsync("/admin/staff", "staff-account", new Dictionary<string, string> { ["Input.Action"] = "reset-mfa:" + nurseId });
        var disable = await admin.SubmitAsync("/admin/staff", "staff-account", new Dictionary<string, string> { ["Input.Action"] = "disable:" + nurseId });

        Assert.Contains(nurseEmail, list, StringComparison.Ordinal);
        Assert.Contains("The authenticator app of " + nurseEmail + " is reset", await reset.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains(nurseEmail + " is disabled", await disable.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using var check = app.OpenStore();
        var nurse = await check.Users.SingleAsync(u => u.Email == nurseEmail, TestContext.Current.CancellationToken);
        Assert.False(nurse.TwoFactorEnabled);
        Assert.True(ChangeStaffAccountStatus.IsDisabled(nurse));
        var rows = await check.AuditLog.Where(a => a.Actor == admin.Email).Select(a => a.Action).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal([AuditAction.SignIn, AuditAction.MfaReset, AuditAction.StaffDisabled], rows);
    }

    [Fact]
    public async Task Staff_other_than_administrators_are_refused_the_staff_accounts_page_and_cannot_post_to_it()
    {
        await using var app = await OnePlaceApp.StartAsync();
        var adminEmail = await app.AddStaffAsync(StaffRoles.Administrator);
        using var manager = await app.SignedInAsync(StaffRoles.TeamManager);
        string adminId;
        await using (var db = app.OpenStore())
        {
            adminId = (await db.Users.SingleAsync(u => u.Email == adminEmail, TestContext.Current.CancellationToken)).Id;
        }

        var page = await manager.GetAsync("/admin/staff");
        var post = await manager.PostWithTokenFromAsync("/", "/admin/staff", "staff-account", new Dictionary<string, string> { ["Input.Action"] = "disable:" + adminId });

        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.DoesNotContain(adminEmail, await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        await using var check = app.OpenStore();
        Assert.False(ChangeStaffAccountStatus.IsDisabled(await check.Users.SingleAsync(u => u.Email == adminEmail, TestContext.Current.CancellationToken)));
    }
}
