using System.Globalization;
using System.Text;

namespace WardCms.Core.Language;

/// <summary>Text rules every input goes through: NFC on the way in, folding and slugs without diacritics.</summary>
public static class Vietnamese
{
    /// <summary>Unicode NFC, so "ế" typed as e + marks and as one code point compare equal.</summary>
    public static string Nfc(string? s) => string.IsNullOrEmpty(s) ? "" : s.IsNormalized(NormalizationForm.FormC) ? s : s.Normalize(NormalizationForm.FormC);

    /// <summary>Lower case, tone and vowel marks removed, đ/Đ → d: "Đăng ký" → "dang ky".</summary>
    public static string Fold(string? s)
    {
        if (string.IsNullOrEmpty(s))
        {
            return "";
        }
        var decomposed = s.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }
            sb.Append(c switch
            {
                'đ' or 'Đ' => 'd',
                _ => char.ToLowerInvariant(c),
            });
        }
        return sb.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>"Đăng ký tạm trú: 5 bước!" → "dang-ky-tam-tru-5-buoc".</summary>
    public static string Slugify(string? s, int maxLength = 120)
    {
        var folded = Fold(s);
        var sb = new StringBuilder(folded.Length);
        var dash = false;
        foreach (var c in folded)
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                sb.Append(c);
                dash = false;
            }
            else if (!dash && sb.Length > 0)
            {
                sb.Append('-');
                dash = true;
            }
        }
        var slug = sb.ToString().Trim('-');
        if (slug.Length > maxLength)
        {
            slug = slug[..maxLength];
            var cut = slug.LastIndexOf('-');
            slug = (cut > maxLength / 2 ? slug[..cut] : slug).Trim('-');
        }
        return slug;
    }

    public static bool IsValidSlug(string? slug) =>
        !string.IsNullOrEmpty(slug) && slug.Length <= 200 && slug.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-')
        && !slug.StartsWith('-') && !slug.EndsWith('-') && !slug.Contains("--", StringComparison.Ordinal);
}
