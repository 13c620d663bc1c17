using System.Net;
using KetamineClinic.Testing.Databases;
using KetamineClinic.Testing.Hosting;
using KetamineClinic.Testing.Seeding;
using KetamineClinic.Web.Data;
using KetamineClinic.Web.Platform;
using KetamineClinic.Web.Platform.Audit;

namespace KetamineClinic.Web.Tests.Accounts;

public sealed class SignInTests(SeededApps apps) : IClassFixture<SeededApps>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [ClassData(typeof(AllProviders))]
    public async Task GivenStaffCredentials_WhenSigningIn_ThenLandsOnTodayAndSignInIsAudited(DatabaseProvider provider)
    {
        var app = await apps.GetAsync(provider);
        using var client = app.Client();
        var before = await AuditQueries.LastSequenceAsync(app.Services);

        var landed = await HttpSignIn.SignInAsync(client, TestClinic.EmailFor(ClinicRoles.Nurse), TestClinic.Password, Ct);

        Assert.Equal("/", landed);
        var signIn = Assert.Single(await AuditQueries.SinceAsync(app.Services, before));
        Assert.Equal(AuditActions.SignIn, signIn.Action);
        Assert.Equal(app.Clinic.UserId(ClinicRoles.Nurse), signIn.UserId);
        Assert.Equal(TestClinic.EmailFor(ClinicRoles.Nurse), signIn.UserName);
        Assert.Equal(ClinicRoles.Nurse, signIn.Role);
    }

    [Fact]
    public async Task GivenPatientCredentials_WhenSigningIn_ThenLandsOnPortalEvenWithStaffReturnUrl()
    {
        var app = await apps.GetAsync(DatabaseProvider.Sqlite);
        using var client = app.Client();
        var page = await client.GetStringAsync("/account/login?returnUrl=/patients", Ct);
        Assert.Contains("Sign in", page, StringComparison.Ordinal);

        var landed = await HttpSignIn.SignInAsync(client, TestClinic.EmailFor(ClinicRoles.Patient), TestClinic.Password, Ct);
        var portal = await client.GetAsync("/portal", Ct);
        var body = await portal.Content.ReadAsStringAsync(Ct);

        Assert.Equal("/portal", landed);
        Assert.Equal(HttpStatusCode.OK, portal.StatusCode);
        Assert.Contains("Welcome, Pat Example", body, StringComparison.Ordinal);
        Assert.Contains("call or text <strong>988</strong> (988 Suicide &amp; Crisis Lifeline) or chat at", body, StringComparison.Ordinal);
        Assert.Contains("If you are in immediate danger, call <strong>911</strong>.", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/patients", "/patients")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("//evil.example/", "/")]
    [InlineData("/\\evil.example/", "/")]
    public async Task GivenReturnUrl_WhenStaffSignsIn_ThenOnlyLocalTargetsAreFollowed(string returnUrl, string expected)
    {
        var app = await apps.GetAsync(DatabaseProvider.Sqlite);
        using var client = app.Client();
        var page = await client.GetStringAsync("/account/login", Ct);
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            ["Input.Email"] = TestClinic.EmailFor(ClinicRoles.Physician),
            ["Input.Password"] = TestClinic.Password,
        });

        var response = await client.PostAsync($"/account/login?returnUrl={Uri.EscapeDataString(returnUrl)}", form, Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(expected, HttpSignIn.PathOf(response.Headers.Location));
    }

    [Theory]
    [ClassData(typeof(AllProviders))]
    public async Task GivenFiveWrongPasswords_WhenSigningIn_ThenLockedOutEvenWithTheRightOneAndNoPasswordAudited(DatabaseProvider provider)
    {
        var app = await apps.GetAsync(provider);
        var email = $"locked-{Guid.NewGuid():N}@test.clinic";
        var userId = await TestClinic.AddUserAsync(app.Services, email, "Lou Lockwood", [ClinicRoles.FrontDesk], [app.Clinic.Riverside.Id], ct: Ct);
        using var client = app.Client();
        var before = await AuditQueries.LastSequenceAsync(app.Services);

        string? page = null;
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            page = await PostSignInAsync(client, email, $"Wrong-Password-{attempt}x");
        }
        var withRightPassword = await PostSignInAsync(client, email, TestClinic.Password);

        Assert.Contains("this account is locked for 15 minutes", page, StringComparison.Ordinal);
        Assert.Contains("this account is locked for 15 minutes", withRightPassword, StringComparison.Ordinal);
        var events = await AuditQueries.SinceAsync(app.Services, before);
        Assert.Equal(6, events.Count);
        Assert.All(events, e => Assert.Equal(AuditActions.SignInFailed, e.Action));
        Assert.All(events, e => Assert.Equal(userId.ToString("D"), e.ResourceId));
        Assert.Equal(["wrong password", "wrong password", "wrong password", "wrong password", "locked out", "locked out"], events.Select(e => e.Detail).ToArray());
        Assert.DoesNotContain(events, e => (e.Detail ?? "").Contains("Wrong-Password", StringComparison.Ordinal) || (e.Detail ?? "").Contains(TestClinic.Password, StringComparison.Ordinal));
    }

    [Fact]
    public async Task GivenDisabledAccount_WhenSigningInWithTheRightPassword_ThenRefusedNeutrallyAndAudited()
    {
        var app = await apps.GetAsync(DatabaseProvider.Sqlite);
        var email = $"dana-{Guid.NewGuid():N}@test.clinic";
        var userId = await TestClinic.AddUserAsync(app.Services, email, "Dana Disabled", [ClinicRoles.Nurse], [], disabled: true, ct: Ct);
        using var client = app.Client();
        var before = await AuditQueries.LastSequenceAsync(app.Services);

        var refused = await PostSignInAsync(client, email, TestClinic.Password);
        var wrong = await PostSignInAsync(client, "nobody-" + email, TestClinic.Password);

        const string Neutral = "We could not sign you in with those details.";
        Assert.Contains(Neutral, refused, StringComparison.Ordinal);
        Assert.Contains(Neutral, wrong, StringComparison.Ordinal);
        Assert.DoesNotContain("disabled", refused, StringComparison.OrdinalIgnoreCase);
        var events = await AuditQueries.SinceAsync(app.Services, before);
        Assert.Equal(2, events.Count);
        Assert.Equal((AuditOutcome.Denied, "account disabled", userId.ToString("D")), (events[0].Outcome, events[0].Detail, events[0].ResourceId));
        // An unknown e-mail is not recorded: it may be a password typed into the wrong field.
        Assert.Equal((AuditOutcome.Failed, "unknown account", (string?)null), (events[1].Outcome, events[1].Detail, events[1].ResourceId));
        Assert.DoesNotContain(events, e => (e.Detail ?? "").Contains("nobody", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GivenSignedInStaff_WhenPostingSignOut_ThenCookieClearedAndSignOutAudited()
    {
        var app = await apps.GetAsync(DatabaseProvider.Sqlite);
        using var client = await app.SignedInAsAsync(ClinicRoles.Admin);
        var page = await client.GetStringAsync("/account/change-password", Ct);
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var before = await AuditQueries.LastSequenceAsync(app.Services);

        using var withoutToken = new FormUrlEncodedContent(new Dictionary<string, string> { ["reason"] = "user" });
        var forged = await client.PostAsync("/account/logout", withoutToken, Ct);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            ["reason"] = "idle",
        });
        var response = await client.PostAsync("/account/logout", form, Ct);
        var afterwards = await client.GetAsync("/", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/login?signedOut=idle", response.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, afterwards.StatusCode);
        Assert.StartsWith("/account/login", afterwards.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        var signOut = Assert.Single(await AuditQueries.SinceAsync(app.Services, before));
        Assert.Equal((AuditActions.SignOut, "idle timeout", app.Clinic.UserId(ClinicRoles.Admin)), (signOut.Action, signOut.Detail, signOut.UserId));
    }

    private static async Task<string> PostSignInAsync(HttpClient client, string email, string password)
    {
        var page = await client.GetStringAsync("/account/login", Ct);
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
        var response = await client.PostAsync("/account/login", form, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(Ct);
    }
}
