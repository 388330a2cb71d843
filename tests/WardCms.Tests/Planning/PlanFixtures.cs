using WardCms.Core.Planning;

namespace WardCms.Tests.Planning;

// Builders that keep tests short: times are written as ICT wall-clock ("2025-03-31 23:30").
internal static class Ev
{
    public static DateTimeOffset Ict(string local) =>
        new(DateTime.Parse(local, System.Globalization.CultureInfo.InvariantCulture), TimeSpan.FromHours(7));

    public static CountingEvent Published(string id, string ictLocal, params string[] tasks) => new()
    {
        ContentItemId = id,
        OccurredAt = Ict(ictLocal),
        Kind = CountingEventKind.PublishedOnPortal,
        ContentType = "bai-viet-cchc",
        Channel = "portal",
        PlanTaskIds = tasks,
        Title = $"Bài {id}",
    };

    public static CountingEvent Aired(string id, string ictLocal, int minutes, params string[] tasks) => new()
    {
        ContentItemId = id,
        OccurredAt = Ict(ictLocal),
        Kind = CountingEventKind.AiredOnRadio,
        ContentType = "kich-ban-phat-thanh",
        Channel = "radio",
        PlanTaskIds = tasks,
        Duration = TimeSpan.FromMinutes(minutes),
    };

    public static CountingEvent PostedToCity(string id, string ictLocal, params string[] tasks) => new()
    {
        ContentItemId = id,
        OccurredAt = Ict(ictLocal),
        Kind = CountingEventKind.PostedToCityPage,
        ContentType = "bai-viet-cchc",
        Channel = "city-cchc-page",
        PlanTaskIds = tasks,
    };

    public static PipelineItem Waiting(string id, PipelineStage stage, params string[] tasks) => new()
    {
        ContentItemId = id,
        Stage = stage,
        ContentType = "bai-viet-cchc",
        PlanTaskIds = tasks,
    };
}

internal static class PlanFixtures
{
    public static readonly DateOnly YearStart = new(2025, 1, 1);
    public static readonly DateOnly YearEnd = new(2025, 12, 31);

    // Appendix 1 of the Hai Bà Trưng ward plan 2025, quota tasks 3, 4, 5, 7, 8 and some milestones.
    public static IReadOnlyList<TaskRules> HaiBaTrung2025() =>
    [
        new()
        {
            TaskId = "hbt-2025-1", Code = "1", Name = "Ban hành Kế hoạch thông tin, tuyên truyền CCHC năm 2025",
            Milestone = new() { DueDates = [new(2025, 2, 13)] },
        },
        new()
        {
            TaskId = "hbt-2025-3", Code = "3", Name = "Đài truyền thanh phát ít nhất 02 tin/bài CCHC mỗi tháng",
            Rules = [new() { Key = "t3-radio-monthly", Minimum = 2, Period = QuotaPeriodKind.Month, Event = CountingEventKind.AiredOnRadio }],
        },
        new()
        {
            TaskId = "hbt-2025-4", Code = "4", Name = "Gửi đăng tối thiểu 01 tin/bài CCHC trên Trang thông tin CCHC Thành phố (tháng 8–12/2025)",
            Rules =
            [
                new()
                {
                    Key = "t4-city-monthly", Minimum = 1, Period = QuotaPeriodKind.Month, Event = CountingEventKind.PostedToCityPage,
                    ActiveWindow = DateWindow.Months(2025, 8, 12),
                },
            ],
        },
        new()
        {
            TaskId = "hbt-2025-5", Code = "5", Name = "Đăng tối thiểu 06 tin/bài CCHC mỗi tháng trên Trang thông tin điện tử phường",
            Rules = [new() { Key = "t5-portal-monthly", Minimum = 6, Period = QuotaPeriodKind.Month, Event = CountingEventKind.PublishedOnPortal }],
        },
        new()
        {
            TaskId = "hbt-2025-6", Code = "6", Name = "Báo cáo kết quả định kỳ quý I, 6 tháng, 9 tháng, năm",
            Milestone = new() { DueDates = [new(2025, 3, 14), new(2025, 6, 14), new(2025, 9, 14), new(2025, 12, 14)] },
        },
        new()
        {
            TaskId = "hbt-2025-7", Code = "7", Name = "Ít nhất 01 tin/bài mỗi tháng về hỗ trợ, thu hút đầu tư, doanh nghiệp",
            Rules =
            [
                new()
                {
                    Key = "t7-investment-monthly", Minimum = 1, Period = QuotaPeriodKind.Month, Event = CountingEventKind.PublishedOnPortal,
                    Filters = new() { Units = ["kt-ht-dt"] },
                },
            ],
        },
        new()
        {
            TaskId = "hbt-2025-8", Code = "8", Name = "Ít nhất 01 tin/bài mỗi tháng về cải cách TTHC đất đai, giá đất, bồi thường",
            Rules =
            [
                new()
                {
                    Key = "t8-land-monthly", Minimum = 1, Period = QuotaPeriodKind.Month, Event = CountingEventKind.PublishedOnPortal,
                    Filters = new() { Units = ["kt-ht-dt"] },
                },
            ],
        },
        new()
        {
            TaskId = "hbt-2025-9", Code = "9", Name = "Tham gia tập huấn CCHC",
            Milestone = new() { DueDates = [new(2025, 10, 31)] },
        },
    ];

    // A differently shaped plan: a digital-transformation campaign with weekly air time inside a
    // window, quarterly counts on a topic, and a yearly count for the city page.
    public static IReadOnlyList<TaskRules> DigitalCampaign2026() =>
    [
        new()
        {
            TaskId = "cds-radio", Code = "A", Name = "Mỗi tuần ít nhất 15 phút chương trình CCHC trên đài truyền thanh",
            Rules =
            [
                new()
                {
                    Key = "weekly-airtime", Metric = QuotaMetric.AirTimeMinutes, Minimum = 15, Period = QuotaPeriodKind.Week,
                    Event = CountingEventKind.AiredOnRadio, ActiveWindow = new(new(2026, 3, 5), new(2026, 6, 30)),
                },
            ],
        },
        new()
        {
            TaskId = "cds-de-an-06", Code = "B", Name = "Mỗi quý ít nhất 3 bài về Đề án 06",
            Rules =
            [
                new()
                {
                    Key = "quarterly-de-an-06", Minimum = 3, Period = QuotaPeriodKind.Quarter, Event = CountingEventKind.PublishedOnPortal,
                    Filters = new() { Topics = ["de-an-06"] },
                },
            ],
        },
        new()
        {
            TaskId = "cds-city", Code = "C", Name = "Mỗi nửa năm ít nhất 2 bài gửi Trang CCHC Thành phố",
            Rules = [new() { Key = "half-city", Minimum = 2, Period = QuotaPeriodKind.HalfYear, Event = CountingEventKind.PostedToCityPage }],
        },
    ];
}
