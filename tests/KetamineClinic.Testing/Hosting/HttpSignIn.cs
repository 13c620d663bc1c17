using System.Net;
using System.Text.RegularExpressions;

namespace KetamineClinic.Testing.Hosting;

/// <summary>Signs an HttpClient in through the real sign-in form (antiforgery token and all).</summary>
public static partial class HttpSignIn
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    /// <summary>Posts the sign-in form; returns the redirect target (e.g. "/" or "/portal"), or null when refused.</summary>
    public static async Task<string?> SignInAsync(HttpClient client, string email, string password, CancellationToken ct = default)
    {
        var page = await client.GetStringAsync(new Uri("/account/login", UriKind.Relative), ct);
        var token = AntiforgeryField().Match(page).Groups[1].Value;
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
        using var response = await client.PostAsync(new Uri("/account/login", UriKind.Relative), form, ct);
        return response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther
            ? PathOf(response.Headers.Location)
            : null;
    }

    /// <summary>"/portal" for both "/portal" and "http://localhost/portal".</summary>
    public static string? PathOf(Uri? location) =>
        location is null ? null : location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
}
