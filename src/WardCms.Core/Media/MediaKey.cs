using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace WardCms.Core.Media;

/// <summary>
/// The only shape a storage key may have: "ab/cd/abcd…(64 hex).ext". Anything else, including
/// "..", absolute paths, backslashes and NUL, fails the regex before a path is ever built.
/// </summary>
public static partial class MediaKey
{
    public static readonly IReadOnlySet<string> Extensions = new HashSet<string>(StringComparer.Ordinal)
    {
        "jpg", "png", "webp", "gif", "pdf", "docx", "xlsx",
    };

    public static string For(string sha256Hex, string extension)
    {
        var ext = NormalizeExtension(extension);
        if (!ShaPattern().IsMatch(sha256Hex))
        {
            throw new ArgumentException("Expected 64 lowercase hex digits.", nameof(sha256Hex));
        }
        return $"{sha256Hex[..2]}/{sha256Hex[2..4]}/{sha256Hex}.{ext}";
    }

    public static bool IsValid([NotNullWhen(true)] string? key) =>
        key is not null && KeyPattern().Match(key) is { Success: true } m
        && m.Groups["a"].Value == m.Groups["sha"].Value[..2]
        && m.Groups["b"].Value == m.Groups["sha"].Value[2..4];

    /// <summary>"jpg" or ".jpg" to "jpg"; throws for an extension the store does not hold.</summary>
    public static string NormalizeExtension(string extension)
    {
        var ext = extension.StartsWith('.') ? extension[1..] : extension;
        return Extensions.Contains(ext)
            ? ext
            : throw new ArgumentException($"The media store does not hold .{ext} files.", nameof(extension));
    }

    /// <summary>The key's path segments, for Path.Combine; throws for an invalid key.</summary>
    internal static string[] Segments(string key) =>
        IsValid(key) ? key.Split('/') : throw new ArgumentException("Not a media key.", nameof(key));

    [GeneratedRegex(@"\A[0-9a-f]{64}\z", RegexOptions.CultureInvariant)]
    private static partial Regex ShaPattern();

    [GeneratedRegex(@"\A(?<a>[0-9a-f]{2})/(?<b>[0-9a-f]{2})/(?<sha>[0-9a-f]{64})\.(?:jpg|png|webp|gif|pdf|docx|xlsx)\z", RegexOptions.CultureInvariant)]
    private static partial Regex KeyPattern();
}
