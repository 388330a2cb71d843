namespace WardCms.Core.Sites;

/// <summary>One ward's portal. Every record carries its site so one deployment can host many wards.</summary>
public sealed class Site : Content.IPublicRecord
{
    public int Id { get; set; }
    public required string Key { get; set; }
    public required string Name { get; set; }
    /// <summary>Comma-separated host names that resolve to this site; empty for the default site.</summary>
    public string HostNames { get; set; } = "";

    /// <summary>Whether <paramref name="host"/> is one of <see cref="HostNames"/> (case-insensitive).</summary>
    public bool ListsHost(string host) =>
        HostNames.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Contains(host, StringComparer.OrdinalIgnoreCase);
    /// <summary>"ỦY BAN NHÂN DÂN": the line above the issuing body in document headers.</summary>
    public string IssuingParent { get; set; } = "";
    /// <summary>"PHƯỜNG HAI BÀ TRƯNG".</summary>
    public string IssuingBody { get; set; } = "";
    /// <summary>The place written before the date of documents: "Hai Bà Trưng".</summary>
    public string PlaceName { get; set; } = "";

    /// <summary>
    /// What the unit calls itself in running text, lower case unless a proper noun: "phường", "xã",
    /// "thị trấn", "Sở", "Thanh tra thành phố". Public pages, documents and reports say "cán bộ {Level}",
    /// "{Level} trả lời" with it; no wording of one kind of unit is written in code.
    /// </summary>
    public string Level { get; set; } = "";
    /// <summary>Its loudspeaker radio as reports and the public radio page name it: "hệ thống truyền thanh phường".</summary>
    public string RadioName { get; set; } = "";
    /// <summary>The "Nơi nhận" lines of its reports, one per line: "UBND Thành phố (để báo cáo);".</summary>
    public string ReportRecipients { get; set; } = "";
    /// <summary>The issuing body's code in document numbers ("Số: 12/BC-UBND"): "UBND", "SNV", "TTr".</summary>
    public string DocumentCode { get; set; } = "";

    /// <summary>The number a report carries until one is given: "…/BC-UBND" (or "…/BC" without a code).</summary>
    public string ReportNumberPlaceholder => DocumentCode.Length > 0 ? $"…/BC-{DocumentCode}" : "…/BC";

    /// <summary>What the site is: a unit's portal (<see cref="SiteKinds.Unit"/>) or the City CCHC page that receives units' articles (<see cref="SiteKinds.CityPage"/>).</summary>
    public string Kind { get; set; } = SiteKinds.Unit;
    /// <summary>The key of the City CCHC page site, in this deployment, that this unit sends articles to; empty when it lives elsewhere (postings are then recorded by hand).</summary>
    public string CityPageKey { get; set; } = "";

    public bool IsCityPage => Kind == SiteKinds.CityPage;

    /// <summary>Whether it serves (<see cref="SiteStates"/>): the city's operators suspend or archive a site; its data stay.</summary>
    public string State { get; set; } = SiteStates.Active;
    /// <summary>Why it was suspended or archived, as the operator wrote it.</summary>
    public string StateNote { get; set; } = "";
    public bool IsServing => State == SiteStates.Active;

    /// <summary><see cref="Level"/>, or "đơn vị" when the site has not said.</summary>
    public string SelfName => Level.Length > 0 ? Level : "đơn vị";
    /// <summary><see cref="SelfName"/> at the start of a sentence: "Phường trả lời".</summary>
    public string SelfNameAtStart => SelfName.Length > 0 ? char.ToUpper(SelfName[0], Vi) + SelfName[1..] : SelfName;
    /// <summary><see cref="RadioName"/>, or "hệ thống truyền thanh {SelfName}".</summary>
    public string RadioTitle => RadioName.Length > 0 ? RadioName : $"hệ thống truyền thanh {SelfName}";
    /// <summary>The lines of <see cref="ReportRecipients"/>; "Lưu: VT." when none is given.</summary>
    public IReadOnlyList<string> ReportRecipientLines =>
        ReportRecipients.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) is { Length: > 0 } lines ? lines : ["Lưu: VT."];

    private static readonly System.Globalization.CultureInfo Vi = System.Globalization.CultureInfo.GetCultureInfo("vi-VN");
    public string TimeZoneId { get; set; } = "Asia/Ho_Chi_Minh";
    public string Tagline { get; set; } = "";
    public string ContactText { get; set; } = "";
    /// <summary>Default reading rate for broadcast scripts, in syllables per minute.</summary>
    public int ReadingRate { get; set; } = 200;
    /// <summary>Default review interval for handbook entries, in months.</summary>
    public int HandbookReviewMonths { get; set; } = 6;
    public DateTime CreatedUtc { get; set; }

    /// <summary>Comma-separated roles whose staff must sign in with two steps (the recipe's <c>requireTwoStepFor</c>): "leader,admin".</summary>
    public string RequireTwoStepRoles { get; set; } = "";

    /// <summary>Whether someone holding <paramref name="roles"/> must have two-step sign-in on here.</summary>
    public bool RequiresTwoStepFor(IEnumerable<string> roles)
    {
        var required = RequireTwoStepRoles.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return required.Length > 0 && roles.Any(r => required.Contains(r, StringComparer.OrdinalIgnoreCase));
    }
}

/// <summary>Whether a site serves its public pages and its staff.</summary>
public static class SiteStates
{
    public const string Active = "active";
    /// <summary>Closed for now (a public 503 page, no sign-in), to be resumed; nothing is removed.</summary>
    public const string Suspended = "suspended";
    /// <summary>Closed for good (a public 410 page, no sign-in), its data kept; an operator can bring it back.</summary>
    public const string Archived = "archived";

    public static readonly IReadOnlyList<string> All = [Active, Suspended, Archived];

    public static string DisplayName(string state) => state switch
    {
        Active => "Đang hoạt động",
        Suspended => "Tạm ngừng",
        Archived => "Đã lưu trữ",
        _ => state,
    };
}

/// <summary>The kinds of site a deployment holds.</summary>
public static class SiteKinds
{
    public const string Unit = "unit";
    public const string CityPage = "cityPage";
    public static readonly IReadOnlyList<string> All = [Unit, CityPage];
}
