using System.Collections;
using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using WardCms.Core.Content;
using WardCms.Core.Content.Parts;
using WardCms.Core.Data;
using WardCms.Core.Language;
using WardCms.Core.Sites;
using WardCms.Theme.Admin.Editing;

namespace WardCms.Web.Pages.Admin.Content;

/// <summary>
/// The one editor form shared by Create and Edit: common fields, the slug, then each of the type's
/// other parts through its editor partial, bound by the part's own data type.
/// </summary>
// The parts limit each text (the body to CommonPart.MaxBody characters) and say so next to the field,
// keeping the typed text. The framework's own limits (4 MB a form value, 30 MB a request) would throw
// first and show the error page instead, so they are raised well past any part's limit here.
[RequestFormLimits(ValueLengthLimit = MaxFormValueLength)]
[RequestSizeLimit(MaxRequestBytes)]
public abstract class ContentEditorPageModel(WardDbContext db, ContentPartRegistry registry) : ContentPageModel
{
    public const int MaxFormValueLength = 16 * 1024 * 1024;
    public const long MaxRequestBytes = 64L * 1024 * 1024;

    protected WardDbContext Db => db;
    protected ContentPartRegistry Registry => registry;

    public Site Site { get; protected set; } = null!;
    public ContentTypeDefinition Type { get; protected set; } = null!;
    public ContentDraft Draft { get; protected set; } = null!;
    public ContentEditorUser Me { get; protected set; } = null!;
    public List<(int Id, string Name)> Units { get; private set; } = [];
    public PartEditorChoices Choices { get; private set; } = PartEditorChoices.Empty;
    public string Note { get; set; } = "";

    /// <summary>Set when the post was refused: the summary at the top lists these, each links to its field.</summary>
    public List<(string Field, string Message)> Errors { get; } = [];

    public abstract bool IsNew { get; }

    /// <summary>The posted text held characters no page may show (NUL, controls, U+FFFF, bidirectional overrides).</summary>
    protected bool DroppedCharacters { get; private set; }

    public const string DroppedCharactersNotice =
        "Các ký tự điều khiển không nhìn thấy được (như NUL, dấu ngắt dòng của Word, ký tự đảo chiều văn bản) đã được bỏ khỏi nội dung.";

    /// <summary>A save that dropped characters says so in the message the next page shows, whichever handler saved.</summary>
    public override void OnPageHandlerExecuted(Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutedContext context)
    {
        if (DroppedCharacters && context.Result is RedirectResult && TempData.Peek("Message") is string message)
        {
            TempData["Message"] = message + " " + DroppedCharactersNotice;
        }
        base.OnPageHandlerExecuted(context);
    }

    /// <summary>False for an item in the trash: it is shown, not saved, until restored.</summary>
    public virtual bool CanSave => true;

    public string PublicPrefix => Type.Settings.SlugPrefix ?? "";

    public IEnumerable<PartEditorModel> PartEditors =>
        Type.Parts.Select(tp => (Def: registry.Find(tp.Name), TypePart: tp))
            .Where(x => x.Def is not null && !x.Def.StoredInColumns)
            .Select(x => new PartEditorModel(x.Def!, Draft.Parts.GetValueOrDefault(x.Def!.Name) ?? x.Def!.CreateData(), x.TypePart, Choices));

    protected async Task LoadChoicesAsync(int? currentUnitId, CancellationToken ct)
    {
        var units = await db.Units.AsNoTracking().Where(u => u.SiteId == Site.Id).OrderBy(u => u.Order)
            .Select(u => new { u.Id, u.Name }).ToListAsync(ct);
        // Editors limited to their unit may only file under it (or keep the unit the item already has).
        Units = units.Where(u => Me.AllUnits || u.Id == Me.UnitId || u.Id == currentUnitId).Select(u => (u.Id, u.Name)).ToList();

        var terms = new List<TermChoice>();
        if (Type.Parts.FirstOrDefault(p => p.Name == TopicsPart.PartName) is { } topicsPart)
        {
            var key = topicsPart.Settings?["taxonomy"]?.GetValue<string>() ?? "topics";
            terms = await db.Terms.AsNoTracking().Where(t => t.Taxonomy!.SiteId == Site.Id && t.Taxonomy.Key == key).OrderBy(t => t.Order)
                .Select(t => new TermChoice(t.Id, t.Name, t.Description)).ToListAsync(ct);
        }

        var tasks = new List<TaskChoice>();
        if (Type.HasPart(PlanTasksPart.PartName))
        {
            var rows = await db.PlanTasks.AsNoTracking().Where(t => t.Plan!.SiteId == Site.Id)
                .OrderByDescending(t => t.Plan!.Year).ThenBy(t => t.PlanId).ThenBy(t => t.Number)
                .Select(t => new { t.Id, t.Number, t.ShortName, t.Text, t.PlanId, PlanTitle = t.Plan!.Title, t.Plan.Year }).ToListAsync(ct);
            var latestPlan = rows.FirstOrDefault()?.PlanId;
            var suggested = Type.Settings.SuggestedTasks;
            tasks = rows.Select(t => new TaskChoice(t.Id, t.Number,
                $"Nhiệm vụ {t.Number}: {(t.ShortName.Length > 0 ? t.ShortName : t.Text)}",
                t.PlanTitle, t.PlanId == latestPlan && suggested.Contains(t.Number))).ToList();
        }

        var chapters = new List<string>();
        if (Type.HasPart(HandbookPart.PartName))
        {
            var json = await db.ContentItems.AsNoTracking().Where(i => i.SiteId == Site.Id && i.ContentType == Type.Name && !i.IsDeleted)
                .Join(db.ContentVersions, i => i.LatestVersionId, v => v.Id, (i, v) => v.PartsJson).ToListAsync(ct);
            chapters = json.Select(j => (JsonNode.Parse(j) as JsonObject)?[HandbookPart.PartName]?["chapter"]?.GetValue<string>())
                .OfType<string>().Where(c => c.Length > 0).Distinct().Order(StringComparer.Create(PublishedContent.Vi, false)).ToList();
        }
        Choices = new PartEditorChoices(terms, tasks, chapters, Site.HandbookReviewMonths);
    }

    /// <summary>
    /// Binds the posted form over <paramref name="draft"/>. Collections (checkbox groups, cue rows)
    /// are always shown whole in the editors, so an unticked box must clear them first.
    /// </summary>
    protected async Task BindDraftAsync(ContentDraft draft)
    {
        // The parts clean their text (TextInput): a control character pasted from Word is dropped and saved
        // without it, and the page says so; a NUL was already dropped from the form (NulCharacters).
        DroppedCharacters = HttpContext.Items.ContainsKey(Setup.NulCharacters.DroppedFromFormItem)
            || Request.Form.Any(f => f.Value.Any(v => v is not null && TextInput.DropsCharacters(v)));
        await TryUpdateModelAsync(draft.Common, "");
        await TryUpdateModelAsync(draft.Route, "");
        foreach (var part in registry.JsonPartsOf(Type))
        {
            if (!draft.Parts.TryGetValue(part.Name, out var data) || data.GetType() != part.DataType)
            {
                data = part.CreateData();
                draft.Parts[part.Name] = data;
            }
            ClearCollections(data);
            await TryUpdateModelAsync(data, part.DataType, $"Parts.{part.Name}");
            NullStringsToEmpty(data);
        }
        Note = Vietnamese.Nfc(Request.Form["Note"].ToString()).Trim();
        if (Note.Length > 300)
        {
            Note = Note[..300];
        }
        TranslateBindingErrors();
    }

    /// <summary>The model binder's messages are English and name C# properties: say it in Vietnamese.</summary>
    private void TranslateBindingErrors()
    {
        foreach (var (key, entry) in ModelState)
        {
            if (entry.Errors.Count == 0)
            {
                continue;
            }
            entry.Errors.Clear();
            if (string.IsNullOrWhiteSpace(entry.AttemptedValue))
            {
                // An empty number box means "none": the value keeps its default.
                entry.ValidationState = Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Valid;
                continue;
            }
            var property = key[(key.LastIndexOf('.') + 1)..];
            entry.Errors.Add(BindingLabels.TryGetValue(property, out var what)
                ? $"{what.Label}: “{entry.AttemptedValue}” không hợp lệ; hãy nhập {what.Expected}."
                : $"Giá trị “{entry.AttemptedValue}” không hợp lệ ở ô này; hãy nhập lại.");
        }
    }

    // Only fields that are not text can fail to bind; name them as the form does.
    private static readonly Dictionary<string, (string Label, string Expected)> BindingLabels = new(StringComparer.Ordinal)
    {
        ["UnitId"] = ("Phòng, đơn vị", "một phòng trong danh sách"),
        ["Order"] = ("Thứ tự trong chương", "một số nguyên từ 0 đến 10000"),
        ["ReviewMonths"] = ("Chu kỳ rà soát", "số tháng từ 1 đến 60"),
        ["AirDate"] = ("Ngày phát dự kiến", "ngày theo dạng ngày/tháng/năm"),
        ["Seconds"] = ("Số giây của đoạn chèn", "một số nguyên"),
        ["ActualSeconds"] = ("Thời lượng thực tế", "một số giây"),
        ["TermIds"] = ("Chủ đề", "một chủ đề trong danh sách"),
        ["TaskIds"] = ("Nhiệm vụ kế hoạch", "một nhiệm vụ trong danh sách"),
    };

    /// <summary>Adds the manager's errors (keys like "Title", "Slug", "Parts.handbook.Chapter") to the form.</summary>
    protected void AddErrors(IEnumerable<ContentError> errors)
    {
        foreach (var e in errors)
        {
            ModelState.AddModelError(e.Field, e.Message);
        }
        CollectErrors();
    }

    /// <summary>The summary lists problems in the order the fields appear on the form.</summary>
    protected void CollectErrors()
    {
        Errors.Clear();
        string[] common = ["", "Title", "Summary", "Body", "AuthorName", "UnitId", "Slug"];
        var partOrder = Type.Parts.Select(p => $"Parts.{p.Name}.").ToList();
        int Rank(string key)
        {
            var i = Array.IndexOf(common, key);
            if (i >= 0)
            {
                return i;
            }
            var p = partOrder.FindIndex(prefix => key.StartsWith(prefix, StringComparison.Ordinal));
            return p >= 0 ? 100 + p : 1000;
        }
        foreach (var (key, entry) in ModelState.OrderBy(x => Rank(x.Key)))
        {
            foreach (var e in entry!.Errors)
            {
                Errors.Add((key, e.ErrorMessage));
            }
        }
    }

    /// <summary>Restricted editors may only file items under their own unit.</summary>
    protected void CheckUnit(int? previousUnitId)
    {
        var unitId = Draft.Common.UnitId;
        if (unitId != previousUnitId && !Me.CanChooseUnit(unitId))
        {
            ModelState.AddModelError("UnitId", "Bạn chỉ được xếp bài vào phòng của mình.");
        }
    }

    private static void ClearCollections(object data)
    {
        foreach (var p in data.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (p.CanWrite && p.PropertyType.IsGenericType && p.PropertyType.GetGenericTypeDefinition() == typeof(List<>))
            {
                p.SetValue(data, Activator.CreateInstance(p.PropertyType));
            }
        }
    }

    // The binder turns empty text boxes into null; the parts' non-nullable strings expect "".
    private static void NullStringsToEmpty(object? data)
    {
        var nullability = new NullabilityInfoContext(); // not thread-safe: one per call
        if (data is null)
        {
            return;
        }
        foreach (var p in data.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (p.PropertyType == typeof(string) && p.CanWrite && p.GetValue(data) is null
                && nullability.Create(p).WriteState == NullabilityState.NotNull)
            {
                p.SetValue(data, "");
            }
            else if (p.PropertyType != typeof(string) && p.GetValue(data) is IList list)
            {
                foreach (var element in list)
                {
                    if (element is not null && !element.GetType().IsPrimitive)
                    {
                        NullStringsToEmpty(element);
                    }
                }
            }
        }
    }
}
