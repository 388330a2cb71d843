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

namespace WardCms.Web.Pages.Admin.Content;

/// <summary>
/// The one editor form shared by Create and Edit: each of the type's parts in the type's order, through
/// the part's own editor view with the choices the part loaded, bound by the part's own data type.
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
    /// <summary>What each part's editor offers to choose from (<see cref="ContentPartDefinition.LoadChoicesAsync"/>), by part name.</summary>
    private readonly Dictionary<string, object?> _choices = new(StringComparer.Ordinal);
    public string Note { get; set; } = "";

    /// <summary>Set when the post was refused: the summary at the top lists these, each links to its field.</summary>
    public List<(string Field, string Message)> Errors { get; } = [];

    public abstract bool IsNew { get; }

    /// <summary>This person's autosave of this form, offered back when it is newer than what was saved (null when none is).</summary>
    public EditorAutosave? Autosave { get; protected set; }
    /// <summary>The form shows an autosave's text, not a saved version's.</summary>
    public bool ShowsAutosave { get; protected set; }
    /// <summary>This editor form's address ("/admin/content/edit/5", "/admin/content/create?type=…"): its autosave handlers hang off it.</summary>
    public abstract string FormUrl { get; }

    protected static IFormCollection FormOf(EditorAutosave autosave) =>
        new FormCollection(autosave.Fields().ToDictionary(f => f.Key, f => new Microsoft.Extensions.Primitives.StringValues(f.Value), StringComparer.Ordinal));

    /// <summary>The editor's script keeps the form every few seconds of change: what it posted, kept for this person.</summary>
    protected async Task<IActionResult> KeepAutosaveAsync(EditorAutosaves autosaves, int? itemId, int? baseVersionId, CancellationToken ct)
    {
        var saved = await autosaves.KeepAsync(Site.Id, Me.Id!, itemId, Type.Name, baseVersionId,
            Request.Form.Select(f => new KeyValuePair<string, string[]>(f.Key, f.Value.Select(v => v ?? "").ToArray())), ct);
        if (saved is null)
        {
            return new JsonResult(new { message = "Nội dung quá lớn để lưu tự động; hãy bấm Lưu." }) { StatusCode = StatusCodes.Status413PayloadTooLarge };
        }
        return new JsonResult(new { message = $"Đã tự động lưu lúc {WardCms.Web.Pages.Admin.AdminFormat.Time(saved.Value)}." });
    }

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

    public IEnumerable<PartEditorModel> PartEditors =>
        registry.Of(Type).Where(x => x.Part.EditorView is not null)
            .Select(x => new PartEditorModel(x.Part, x.Part.DataIn(Draft), Type, x.TypePart, _choices.GetValueOrDefault(x.Part.Name)));

    protected async Task LoadChoicesAsync(int? currentUnitId, CancellationToken ct)
    {
        _choices.Clear();
        foreach (var (part, typePart) in registry.Of(Type))
        {
            _choices[part.Name] = await part.LoadChoicesAsync(new PartChoicesContext(Site, Type, typePart, db, id => Me.AllUnits || id == Me.UnitId, currentUnitId), ct);
        }
    }

    /// <summary>
    /// Binds the posted form over <paramref name="draft"/>. Collections (checkbox groups, cue rows)
    /// are always shown whole in the editors, so an unticked box must clear them first.
    /// </summary>
    /// <param name="form">The fields to bind: the posted form, or an autosave's (<see cref="EditorAutosave"/>) to show them again.</param>
    protected async Task BindDraftAsync(ContentDraft draft, IFormCollection? form = null)
    {
        var fields = form ?? Request.Form;
        // The parts clean their text (TextInput): a control character pasted from Word is dropped and saved
        // without it, and the page says so; a NUL was already dropped from the form (NulCharacters).
        DroppedCharacters = (form is null && HttpContext.Items.ContainsKey(Setup.NulCharacters.DroppedFromFormItem))
            || fields.Any(f => f.Value.Any(v => v is not null && TextInput.DropsCharacters(v)));
        var values = form is null ? null : new Microsoft.AspNetCore.Mvc.ModelBinding.FormValueProvider(
            Microsoft.AspNetCore.Mvc.ModelBinding.BindingSource.Form, form, System.Globalization.CultureInfo.CurrentCulture);
        foreach (var (part, _) in registry.Of(Type))
        {
            var data = part.DataIn(draft);
            ClearCollections(data);
            if (values is null)
                await TryUpdateModelAsync(data, part.DataType, part.FormPrefix);
            else
                await TryUpdateModelAsync(data, part.DataType, part.FormPrefix, values, _ => true);
            NullStringsToEmpty(data);
        }
        Note = Vietnamese.Nfc(fields["Note"].ToString()).Trim();
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
            var owner = registry.Of(Type).Select(x => x.Part).FirstOrDefault(p => p.OwnsKey(key));
            entry.Errors.Add(owner is not null && owner.InputLabels.TryGetValue(property, out var what)
                ? $"{what.Label}: “{entry.AttemptedValue}” không hợp lệ; hãy nhập {what.Expected}."
                : $"Giá trị “{entry.AttemptedValue}” không hợp lệ ở ô này; hãy nhập lại.");
        }
    }

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
        // Form-wide problems first, then each part's in the type's order (the order of the form).
        var partOrder = registry.Of(Type).Select(x => x.Part).ToList();
        int Rank(string key)
        {
            if (key.Length == 0)
            {
                return -1;
            }
            var p = partOrder.FindIndex(part => part.OwnsKey(key));
            return p >= 0 ? p : 1000;
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
