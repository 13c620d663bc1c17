using KetamineClinic.Web.Features.Accounts;
using Microsoft.AspNetCore.Identity;

namespace KetamineClinic.Web.Tests.Accounts;

public sealed class AccountRulesTests
{
    [Theory]
    [InlineData("/", true)]
    [InlineData("/patients", true)]
    [InlineData("/patients?x=1#y", true)]
    [InlineData(null, false)]
    [InlineData("", false)]
    [InlineData("patients", false)]
    [InlineData("//evil.example", false)]
    [InlineData("/\\evil.example", false)]
    [InlineData("https://evil.example/", false)]
    [InlineData("/ok\r\nSet-Cookie: x", false)]
    public void GivenReturnUrl_WhenCheckingLocal_ThenOnlyPathsOfThisSite(string? url, bool local)
    {
        Assert.Equal(local, LocalUrl.IsLocal(url));
    }

    [Fact]
    public void GivenNonLocalUrl_WhenChoosingDestination_ThenFallback()
    {
        Assert.Equal("/", LocalUrl.OrDefault("https://evil.example", "/"));
        Assert.Equal("/patients", LocalUrl.OrDefault("/patients", "/"));
    }

    [Fact]
    public void GivenClinicPasswordPolicy_WhenDescribed_ThenEveryRuleIsStated()
    {
        var options = new PasswordOptions
        {
            RequiredLength = 12,
            RequireDigit = true,
            RequireLowercase = true,
            RequireUppercase = true,
            RequireNonAlphanumeric = false,
            RequiredUniqueChars = 1,
        };

        Assert.Equal(
            ["At least 12 characters", "An upper-case letter (A-Z)", "A lower-case letter (a-z)", "A digit (0-9)"],
            PasswordRules.Describe(options));
    }

    [Fact]
    public void GivenStricterPolicy_WhenDescribed_ThenSymbolAndUniqueCharactersAreStated()
    {
        var options = new PasswordOptions
        {
            RequiredLength = 16,
            RequireDigit = false,
            RequireLowercase = false,
            RequireUppercase = false,
            RequireNonAlphanumeric = true,
            RequiredUniqueChars = 4,
        };

        Assert.Equal(["At least 16 characters", "A symbol such as ! or -", "At least 4 different characters"], PasswordRules.Describe(options));
    }

    [Fact]
    public void GivenIdentityToken_WhenEncodedForALink_ThenDecodesBackAndGarbageIsRejected()
    {
        const string Token = "CfDJ8+abc/def==";

        var encoded = AccountsRegistration.EncodeToken(Token);

        Assert.DoesNotContain('+', encoded);
        Assert.DoesNotContain('/', encoded);
        Assert.Equal(Token, AccountsRegistration.DecodeToken(encoded));
        Assert.Null(AccountsRegistration.DecodeToken("%%%"));
        Assert.Null(AccountsRegistration.DecodeToken(null));
    }

    [Fact]
    public void GivenUserAndToken_WhenBuildingSetPasswordLink_ThenAbsoluteLinkToThePublicPage()
    {
        var id = Guid.Parse("8d1f3f55-5d3c-4a8e-9a57-1f2d0c3b4a5e");

        var link = AccountsRegistration.SetPasswordLink(new Uri("https://clinic.example/"), id, "t0k3n");

        Assert.Equal($"https://clinic.example/account/set-password?user={id:D}&token={AccountsRegistration.EncodeToken("t0k3n")}", link);
    }
}
