using System.Security.Claims;
using KetamineClinic.Web.Platform;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Routing;
using MudBlazor;

namespace KetamineClinic.Web.Components.Layout;

/// <summary>One entry of the navigation: where it goes and the policy that lets someone open it.</summary>
public sealed record NavItem(string Title, string Href, string Icon, string Policy, NavLinkMatch Match = NavLinkMatch.Prefix);

/// <summary>
/// Everything the navigation can offer, each item guarded by the same policy as the page it opens. The drawer shows
/// an item only when <c>AuthorizeView Policy=...</c> allows it; tests compare against <see cref="VisibleToAsync"/>.
/// </summary>
public static class NavigationModel
{
    public static readonly IReadOnlyList<NavItem> Staff =
    [
        new("Today", "/", Icons.Material.Filled.Today, ClinicPolicies.Staff, NavLinkMatch.All),
        new("Patients", "/patients", Icons.Material.Filled.People, ClinicPolicies.PatientChart),
        new("Staff", "/admin/staff", Icons.Material.Filled.ManageAccounts, ClinicPolicies.Administration),
        new("Audit log", "/admin/audit", Icons.Material.Filled.Policy, ClinicPolicies.Audit),
    ];

    public static readonly IReadOnlyList<NavItem> Portal =
    [
        new("My care", "/portal", Icons.Material.Filled.Home, ClinicPolicies.PatientPortal, NavLinkMatch.All),
        new("Questionnaires", "/portal/questionnaires", Icons.Material.Filled.Assignment, ClinicPolicies.PatientPortal),
        new("Change password", "/account/change-password", Icons.Material.Filled.Password, ClinicPolicies.PatientPortal),
    ];

    /// <summary>The items of <paramref name="items"/> that <paramref name="user"/> may open, in order.</summary>
    public static async Task<IReadOnlyList<NavItem>> VisibleToAsync(
        ClaimsPrincipal user, IAuthorizationService authorization, IEnumerable<NavItem> items)
    {
        var visible = new List<NavItem>();
        foreach (var item in items)
        {
            if ((await authorization.AuthorizeAsync(user, item.Policy)).Succeeded)
            {
                visible.Add(item);
            }
        }
        return visible;
    }
}
