using System.Globalization;
using WardCms.Core.Planning;

namespace WardCms.Web.Pages.Admin;

// Staff read times in ICT, dd/MM/yyyy.
public static class AdminFormat
{
    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");

    public static System.DateTime Local(System.DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(System.DateTime.SpecifyKind(utc, DateTimeKind.Utc), PeriodCalculator.Zone);

    public static string DateTime(System.DateTime? utc) => utc is { } u ? Local(u).ToString("dd/MM/yyyy HH:mm", Vi) : "";

    public static string Date(System.DateTime? utc) => utc is { } u ? Local(u).ToString("dd/MM/yyyy", Vi) : "";
    /// <summary>"14:05" (Vietnam time).</summary>
    public static string Time(System.DateTime utc) => Local(utc).ToString("HH:mm", Vi);

    public static string Date(DateOnly d) => d.ToString("dd/MM/yyyy", Vi);

    /// <summary>The badge class of a workflow state, the same on the edit page and in the workflow box.</summary>
    public static string StatusBadge(string status) => status switch
    {
        Core.Content.ContentStatus.Published => "ok",
        Core.Content.ContentStatus.Draft => "",
        Core.Content.ContentStatus.TakedownRequested => "warn",
        _ => "info",
    };

    public static string Number(decimal v) => v.ToString("0.#", Vi);

    public static string FileSize(long bytes) => bytes >= 1024 * 1024
        ? (bytes / (1024.0 * 1024.0)).ToString("0.#", Vi) + " MB"
        : Math.Max(1, bytes / 1024).ToString(Vi) + " KB";

    /// <summary>A "yyyy-MM-ddTHH:mm" from a datetime-local input, read as ICT.</summary>
    public static System.DateTime? ParseLocal(string? value) =>
        System.DateTime.TryParseExact(value, ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            ? TimeZoneInfo.ConvertTimeToUtc(System.DateTime.SpecifyKind(local, DateTimeKind.Unspecified), PeriodCalculator.Zone)
            : null;

    public static string StatusBadge(QuotaStatus s) => s switch
    {
        QuotaStatus.Met => "ok",
        QuotaStatus.OnTrack => "info",
        QuotaStatus.AtRisk => "warn",
        QuotaStatus.Missed => "bad",
        _ => "",
    };

    public static string MilestoneBadge(MilestoneStatus s) => s switch
    {
        MilestoneStatus.Done => "ok",
        MilestoneStatus.Overdue => "bad",
        _ => "info",
    };

    // The dashboard says "chưa đến kỳ" for a period that has not begun.
    public static string StatusText(QuotaStatus s) => s == QuotaStatus.NotStarted ? "chưa đến kỳ" : s.Vietnamese();
}
