using System.Security.Claims;
using KetamineClinic.Web.Components.Layout;
using KetamineClinic.Web.Platform;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace KetamineClinic.Web.Tests.Layout;

public sealed class NavigationModelTests
{
    private static readonly IAuthorizationService Authorization = new ServiceCollection()
        .AddLogging()
        .AddAuthorization(ClinicPolicies.Configure)
        .BuildServiceProvider()
        .GetRequiredService<IAuthorizationService>();

    /// <summary>What each role's navigation offers, in order. The browser tests assert the same lists.</summary>
    public static TheoryData<string, string[]> Expected => new()
    {
        { ClinicRoles.Admin, ["Today", "Patients", "Staff", "Audit log"] },
        { ClinicRoles.Physician, ["Today", "Patients"] },
        { ClinicRoles.Nurse, ["Today", "Patients"] },
        { ClinicRoles.FrontDesk, ["Today", "Patients"] },
        { ClinicRoles.Pharmacist, ["Today"] },
        { ClinicRoles.Patient, ["My care", "Questionnaires", "Change password"] },
    };

    private static ClaimsPrincipal SignedIn(params string[] roles) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, "someone"), .. roles.Select(r => new Claim(ClaimTypes.Role, r))], "test"));

    [Theory]
    [MemberData(nameof(Expected))]
    public async Task GivenRole_WhenListingNavigation_ThenOnlyWhatItsPoliciesAllow(string role, string[] titles)
    {
        var visible = await NavigationModel.VisibleToAsync(SignedIn(role), Authorization, [.. NavigationModel.Staff, .. NavigationModel.Portal]);

        Assert.Equal(titles, visible.Select(i => i.Title).ToArray());
    }

    [Fact]
    public async Task GivenAnonymousVisitor_WhenListingNavigation_ThenNothing()
    {
        var visible = await NavigationModel.VisibleToAsync(new ClaimsPrincipal(new ClaimsIdentity()), Authorization, [.. NavigationModel.Staff, .. NavigationModel.Portal]);

        Assert.Empty(visible);
    }

    [Fact]
    public async Task GivenStaffMemberWithTwoRoles_WhenListingNavigation_ThenTheUnionInModelOrder()
    {
        var visible = await NavigationModel.VisibleToAsync(SignedIn(ClinicRoles.Pharmacist, ClinicRoles.Admin), Authorization, NavigationModel.Staff);

        Assert.Equal(["Today", "Patients", "Staff", "Audit log"], visible.Select(i => i.Title).ToArray());
    }

    [Fact]
    public void GivenTheModel_ThenEveryItemNamesARegisteredPolicyAndAUniqueLink()
    {
        var policies = typeof(ClinicPolicies).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToHashSet();
        var all = NavigationModel.Staff.Concat(NavigationModel.Portal).ToList();

        Assert.All(all, item => Assert.Contains(item.Policy, policies));
        Assert.Equal(all.Count, all.Select(i => i.Href).Distinct(StringComparer.Ordinal).Count());
    }
}
