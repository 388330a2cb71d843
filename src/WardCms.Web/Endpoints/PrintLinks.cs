using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace WardCms.Web.Endpoints;

/// <summary>
/// Headless Chromium prints the print view without a staff cookie: the PDF export hands it a
/// link signed with the app's data-protection keys, bound to one bulletin or script and valid
/// for two minutes.
/// </summary>
public static class PrintLinks
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(2);
    private const string Purpose = "WardCms.Radio.PrintLink";

    public static string Token(IDataProtectionProvider provider, string kind, int id) =>
        provider.CreateProtector(Purpose).ToTimeLimitedDataProtector().Protect($"{kind}:{id}", Lifetime);

    public static bool IsValid(IDataProtectionProvider provider, string? token, string kind, int id)
    {
        if (string.IsNullOrEmpty(token))
        {
            return false;
        }
        try
        {
            return provider.CreateProtector(Purpose).ToTimeLimitedDataProtector().Unprotect(token) == $"{kind}:{id}";
        }
        catch (CryptographicException)
        {
            return false; // expired, tampered or from another key ring
        }
    }
}
