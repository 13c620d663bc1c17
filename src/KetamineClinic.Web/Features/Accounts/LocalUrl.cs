namespace KetamineClinic.Web.Features.Accounts;

/// <summary>Open-redirect guard for sign-in's returnUrl (the same rules as MVC's Url.IsLocalUrl).</summary>
public static class LocalUrl
{
    /// <summary>True for "/path" style URLs of this site; false for absolute, protocol-relative or backslash tricks.</summary>
    public static bool IsLocal(string? url)
    {
        if (string.IsNullOrEmpty(url) || url[0] != '/')
        {
            return false;
        }
        if (url.Length == 1)
        {
            return true;
        }
        // "//evil" and "/\evil" are read by browsers as another host.
        if (url[1] is '/' or '\\')
        {
            return false;
        }
        return !url.Any(char.IsControl);
    }

    /// <summary>The URL when local, otherwise <paramref name="fallback"/>.</summary>
    public static string OrDefault(string? url, string fallback) => IsLocal(url) ? url! : fallback;
}
