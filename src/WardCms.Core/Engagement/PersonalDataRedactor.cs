using System.Text.RegularExpressions;

namespace WardCms.Core.Engagement;

/// <summary>
/// Finds phone numbers and e-mail addresses in a citizen's comment so a moderator can hide them in one
/// click before the comment goes public (people write "gọi em 0912 345 678" in a public box).
/// </summary>
public static partial class PersonalDataRedactor
{
    public const string PhoneMark = "[đã ẩn số điện thoại]";
    public const string EmailMark = "[đã ẩn e-mail]";

    public static bool HasPersonalData(string? text) =>
        text is not null && (Email().IsMatch(text) || Phone().IsMatch(text));

    public static IReadOnlyList<string> Find(string? text) => text is null
        ? []
        : Email().Matches(text).Concat(Phone().Matches(text)).Select(m => m.Value.Trim()).ToList();

    public static string Redact(string text) => Phone().Replace(Email().Replace(text, EmailMark), PhoneMark);

    [GeneratedRegex(@"[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex Email();

    // Vietnamese numbers: 0 or +84/84, then 8–10 more digits, optionally split by spaces, dots or dashes
    // ("0912 345 678", "+84 912.345.678", "024-3825-1234"). Not preceded or followed by another digit.
    [GeneratedRegex(@"(?<![\p{N}])(?:\+?84|0)(?:[\s.\-]?\d){8,10}(?![\p{N}])", RegexOptions.CultureInvariant)]
    private static partial Regex Phone();
}
