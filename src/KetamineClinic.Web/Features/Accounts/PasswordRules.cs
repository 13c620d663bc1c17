using System.Globalization;
using Microsoft.AspNetCore.Identity;

namespace KetamineClinic.Web.Features.Accounts;

/// <summary>The password policy (Platform/Authorization.cs) in words, so forms state the rules they enforce.</summary>
public static class PasswordRules
{
    public static IReadOnlyList<string> Describe(PasswordOptions o)
    {
        var rules = new List<string> { string.Create(CultureInfo.InvariantCulture, $"At least {o.RequiredLength} characters") };
        if (o.RequireUppercase)
        {
            rules.Add("An upper-case letter (A-Z)");
        }
        if (o.RequireLowercase)
        {
            rules.Add("A lower-case letter (a-z)");
        }
        if (o.RequireDigit)
        {
            rules.Add("A digit (0-9)");
        }
        if (o.RequireNonAlphanumeric)
        {
            rules.Add("A symbol such as ! or -");
        }
        if (o.RequiredUniqueChars > 1)
        {
            rules.Add(string.Create(CultureInfo.InvariantCulture, $"At least {o.RequiredUniqueChars} different characters"));
        }
        return rules;
    }
}
