using Microsoft.EntityFrameworkCore;
using WardCms.Core.Language;

namespace WardCms.Core.Content.Parts;

/// <summary>The plan tasks an item counts toward.</summary>
public sealed class PlanTasksPart : ContentPartDefinition<PlanTasksPart.Data>
{
    public const string PartName = "planTasks";

    public override string Name => PartName;
    public override string DisplayName => "Nhiệm vụ kế hoạch";
    public override string? EditorView => "/Content/Parts/PlanTasks/Edit.cshtml";

    public sealed class Data
    {
        public List<int> TaskIds { get; set; } = [];
    }

    protected override void Normalize(Data d) => d.TaskIds = d.TaskIds.Distinct().ToList();

    public override IReadOnlyDictionary<string, (string Label, string Expected)> InputLabels { get; } = new Dictionary<string, (string, string)>
    {
        ["TaskIds"] = ("Nhiệm vụ kế hoạch", "một nhiệm vụ trong danh sách"),
    };

    public sealed record TaskChoice(int Id, int Number, string Label, string PlanTitle, bool Suggested);

    public sealed class Choices
    {
        public List<TaskChoice> Tasks { get; init; } = [];
    }

    /// <summary>The site's plan tasks, newest plan first; the type's suggested task numbers are marked in the newest plan.</summary>
    public override async Task<object?> LoadChoicesAsync(PartChoicesContext c, CancellationToken ct)
    {
        var rows = await c.Db.PlanTasks.AsNoTracking().Where(t => t.Plan!.SiteId == c.Site.Id)
            .OrderByDescending(t => t.Plan!.Year).ThenBy(t => t.PlanId).ThenBy(t => t.Number)
            .Select(t => new { t.Id, t.Number, t.ShortName, t.Text, t.PlanId, PlanTitle = t.Plan!.Title, t.Plan.Year }).ToListAsync(ct);
        var latestPlan = rows.FirstOrDefault()?.PlanId;
        var suggested = c.Type.Settings.SuggestedTasks;
        return new Choices
        {
            Tasks = rows.Select(t => new TaskChoice(t.Id, t.Number,
                $"Nhiệm vụ {t.Number}: {(t.ShortName.Length > 0 ? t.ShortName : t.Text)}",
                t.PlanTitle, t.PlanId == latestPlan && suggested.Contains(t.Number))).ToList(),
        };
    }

    /// <summary>One ContentItemPlanTask row per task: what the quota engine counts.</summary>
    protected override async Task WriteLinksAsync(PartLinkContext c, Data? d, CancellationToken ct)
    {
        await c.Db.ContentItemPlanTasks.Where(x => x.ContentItemId == c.ItemId && x.Published == c.Published).ExecuteDeleteAsync(ct);
        if (d is not null)
        {
            c.Db.ContentItemPlanTasks.AddRange(d.TaskIds.Select(t => new ContentItemPlanTask { ContentItemId = c.ItemId, PlanTaskId = t, Published = c.Published }));
        }
    }

    /// <summary>An item that counts toward the plan goes to review only once it says which task it serves.</summary>
    public override async Task<ContentError?> CheckBeforeReviewAsync(PartReviewContext c, CancellationToken ct) =>
        await c.Db.ContentItemPlanTasks.AnyAsync(x => x.ContentItemId == c.Item.Id && !x.Published, ct)
            ? null
            : new ContentError("PlanTasks", "Cần gắn ít nhất một nhiệm vụ kế hoạch trước khi gửi duyệt.");

    protected override async Task<IReadOnlyList<ContentError>> ValidateAsync(Data d, PartContext c, CancellationToken ct)
    {
        if (d.TaskIds.Count == 0)
        {
            return [];
        }
        var known = await c.Db.PlanTasks.Where(t => d.TaskIds.Contains(t.Id) && t.Plan!.SiteId == c.SiteId).Select(t => t.Id).ToListAsync(ct);
        var unknown = d.TaskIds.Except(known).ToList();
        return unknown.Count == 0 ? [] : [new(Field("TaskIds"), $"Nhiệm vụ không tồn tại: {string.Join(", ", unknown)}.")];
    }

    protected override IEnumerable<(string Label, string Value)> Describe(Data d, PartContext c)
    {
        yield return ("Nhiệm vụ kế hoạch", string.Join("; ", d.TaskIds.Select(id => c.TaskNames.GetValueOrDefault(id, $"#{id}")).Order(StringComparer.Ordinal)));
    }
}
