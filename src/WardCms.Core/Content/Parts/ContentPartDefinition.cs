using System.Text.Json;
using System.Text.Json.Nodes;
using WardCms.Core.Data;
using WardCms.Core.Sites;

namespace WardCms.Core.Content.Parts;

/// <summary>
/// A part is one folder under Content/Parts and one registration: its data record, normalisation,
/// validation and diff, the hooks below that the rest of the system calls instead of knowing the
/// part (search text, link tables, media it uses, editor choices, checks before review, recipe
/// shorthands) and its views (editor, item display, section) beside its code, plus what it adds to cards. Types combine
/// parts by name; nothing outside a part's folder asks whether a type has it.
/// </summary>
public abstract class ContentPartDefinition
{
    public abstract string Name { get; }
    public abstract string DisplayName { get; }
    public abstract Type DataType { get; }

    /// <summary>Common and route keep their data in version columns; the others in PartsJson.</summary>
    public virtual bool StoredInColumns => false;

    public object CreateData() => Activator.CreateInstance(DataType)!;

    /// <summary>Whether a type is made with this part (features built on a part find their types by it, never by type name).</summary>
    public bool IsIn(ContentTypeDefinition type) => type.Parts.Any(p => p.Name == Name);

    /// <summary>The part's settings in a type (null when absent or unset).</summary>
    public JsonObject? SettingsIn(ContentTypeDefinition type) => type.Parts.FirstOrDefault(p => p.Name == Name)?.Settings;

    public object Read(JsonObject parts) =>
        parts[Name] is { } node ? node.Deserialize(DataType, ContentJson.Options) ?? CreateData() : CreateData();

    /// <summary>The part's data in a draft, created when missing (or of another shape).</summary>
    public virtual object DataIn(ContentDraft draft)
    {
        if (!draft.Parts.TryGetValue(Name, out var data) || data.GetType() != DataType)
        {
            data = CreateData();
            draft.Parts[Name] = data;
        }
        return data;
    }

    /// <summary>Forgets what a draft holds for this part when its type is not made with it (a slug posted for a type without addresses).</summary>
    public virtual void ClearIn(ContentDraft draft) => draft.Parts.Remove(Name);

    /// <summary>The form prefix of the part's inputs and of its <see cref="ContentError"/> fields: "Parts.topics"; "" for the column parts.</summary>
    public string FormPrefix => StoredInColumns ? "" : $"Parts.{Name}";

    /// <summary>Whether a form key ("Title", "Parts.handbook.Order") is one of this part's inputs.</summary>
    public virtual bool OwnsKey(string key) => StoredInColumns
        ? DataType.GetProperty(key.Split('.', '[')[0]) is not null
        : key.StartsWith(FormPrefix + ".", StringComparison.Ordinal);

    /// <summary>Normalises (NFC, trims) the data in place before validation.</summary>
    public virtual void Normalize(object data)
    {
    }

    public abstract Task<IReadOnlyList<ContentError>> ValidateAsync(object data, PartContext context, CancellationToken ct);

    /// <summary>Human-readable (label, value) pairs used by the version diff.</summary>
    public abstract IEnumerable<(string Label, string Value)> Describe(object data, PartContext context);

    // ---- Hooks: what the rest of the system asks a part instead of knowing it ----

    /// <summary>
    /// When a type lacks this part: the place in the type's declaration to report ("parts",
    /// "settings.slugPattern") and why the type needs it, or null when it may go without.
    /// </summary>
    public virtual (string At, string Message)? RequiredBy(ContentTypeSettings settings) => null;

    /// <summary>
    /// Problems with the part's settings in a type's declaration (recipe import), each with its path
    /// under the part's "settings" ("fields[2].kind") and a Vietnamese message; <paramref name="typeNames"/>
    /// are the site's types, those of the recipe included.
    /// </summary>
    public virtual IEnumerable<(string Path, string Message)> CheckSettings(JsonObject? settings, IReadOnlyCollection<string> typeNames) => [];

    /// <summary>Text of the part a citizen's search should find (a document number, an issuing body), weighted below the body.</summary>
    public virtual IEnumerable<string> SearchText(object data, ContentTypePart typePart) => [];

    /// <summary>Library files the part shows (counted as used by the media library), each with what it is used as.</summary>
    public virtual IEnumerable<MediaUse> MediaUses(object data, ContentTypePart typePart) => [];

    /// <summary>
    /// The filters a search offers among a type's items from this part's values (a document's kind,
    /// its issuing body, its year of issue), in order. A key is unique within a type; the first part
    /// of the type's order that declares it keeps it.
    /// </summary>
    public virtual IReadOnlyList<PartFilter> SearchFilters(ContentTypePart typePart) => [];

    /// <summary>The value the index keeps for each of <see cref="SearchFilters"/> this item has (several for a list).</summary>
    public virtual IEnumerable<(string Filter, string Value)> FilterValues(object data, ContentTypePart typePart) => [];

    /// <summary>Values of one of <see cref="SearchFilters"/> as a visitor reads them, in the order a filter lists them.</summary>
    public virtual Task<IReadOnlyList<PartFilterOption>> FilterOptionsAsync(PartQueryContext context, ContentTypePart typePart, string filter,
        IReadOnlyCollection<string> values, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<PartFilterOption>>(values.Order(StringComparer.Ordinal).Select(v => new PartFilterOption(v, v)).ToList());

    /// <summary>
    /// Rewrites the item's rows in the part's link tables for the latest (<c>Published</c> false) or
    /// the public version; <paramref name="data"/> null removes them (the type lacks the part, or the
    /// item was taken down). Runs in the save's transaction.
    /// </summary>
    public virtual Task WriteLinksAsync(PartLinkContext context, object? data, CancellationToken ct) => Task.CompletedTask;

    /// <summary>What the part's editor offers to choose from (terms, tasks, units…), loaded once per editor page; null when nothing.</summary>
    public virtual Task<object?> LoadChoicesAsync(PartChoicesContext context, CancellationToken ct) => Task.FromResult<object?>(null);

    /// <summary>A reason the item may not be sent for review yet (a plan task must be tagged first), or null.</summary>
    public virtual Task<ContentError?> CheckBeforeReviewAsync(PartReviewContext context, CancellationToken ct) => Task.FromResult<ContentError?>(null);

    /// <summary>
    /// The label and the expected form of each input that can fail to bind (a number, a date), by
    /// property name, so the editor says "Thứ tự trong chương: “abc” không hợp lệ; hãy nhập một số nguyên…".
    /// </summary>
    public virtual IReadOnlyDictionary<string, (string Label, string Expected)> InputLabels { get; } =
        new Dictionary<string, (string, string)>();

    /// <summary>Whether an old version restored as new text still fits (a slug another item took since is dropped).</summary>
    public virtual Task PrepareRestoreAsync(object data, PartContext context, CancellationToken ct) => Task.CompletedTask;

    // ---- Views, beside the part's code: application paths of Razor views in its folder ----

    /// <summary>The editor partial (model <see cref="PartEditorModel"/>), or null when the part has nothing to edit.</summary>
    public virtual string? EditorView => null;

    /// <summary>The item page partial (model <see cref="PartDisplayModel"/>), rendered in each of <see cref="DisplayZones"/> in the type's part order.</summary>
    public virtual string? DisplayView => null;

    /// <summary>The zones of the item page the part fills (<see cref="ItemZone"/>).</summary>
    public virtual IReadOnlyList<string> DisplayZones => [];

    /// <summary>What the item page needs of the part beyond its data (related items, the entry's place in a table of contents); kept by the read model.</summary>
    public virtual Task<object?> LoadDisplayAsync(PartDisplayContext context, CancellationToken ct) => Task.FromResult<object?>(null);

    /// <summary>The section and topic page partial (model <see cref="PartSectionModel"/>), rendered in each of <see cref="SectionZones"/>.</summary>
    public virtual string? SectionView => null;

    /// <summary>The zones of a section or topic page the part fills (<see cref="SectionZone"/>); filling Main replaces the list of cards.</summary>
    public virtual IReadOnlyList<string> SectionZones => [];

    /// <summary>What the section or topic page needs of the part; kept by the read model.</summary>
    public virtual Task<object?> LoadSectionAsync(PartSectionContext context, CancellationToken ct) => Task.FromResult<object?>(null);

    /// <summary>What the part adds to the item's card in lists (an image, short facts), or null.</summary>
    public virtual PartCard? CardOf(object data, ContentTypePart typePart) => null;
}

public abstract class ContentPartDefinition<TData> : ContentPartDefinition where TData : class, new()
{
    public override Type DataType => typeof(TData);

    public override void Normalize(object data) => Normalize((TData)data);

    public override Task<IReadOnlyList<ContentError>> ValidateAsync(object data, PartContext context, CancellationToken ct) =>
        ValidateAsync((TData)data, context, ct);

    public override IEnumerable<(string Label, string Value)> Describe(object data, PartContext context) => Describe((TData)data, context);

    public override IEnumerable<string> SearchText(object data, ContentTypePart typePart) => SearchText((TData)data, typePart);

    public override IEnumerable<MediaUse> MediaUses(object data, ContentTypePart typePart) => MediaUses((TData)data, typePart);

    public override IEnumerable<(string Filter, string Value)> FilterValues(object data, ContentTypePart typePart) => FilterValues((TData)data, typePart);

    public override Task WriteLinksAsync(PartLinkContext context, object? data, CancellationToken ct) => WriteLinksAsync(context, (TData?)data, ct);

    public override Task PrepareRestoreAsync(object data, PartContext context, CancellationToken ct) => PrepareRestoreAsync((TData)data, context, ct);

    protected virtual void Normalize(TData data)
    {
    }

    protected abstract Task<IReadOnlyList<ContentError>> ValidateAsync(TData data, PartContext context, CancellationToken ct);

    protected abstract IEnumerable<(string Label, string Value)> Describe(TData data, PartContext context);

    protected virtual IEnumerable<string> SearchText(TData data, ContentTypePart typePart) => [];

    protected virtual IEnumerable<MediaUse> MediaUses(TData data, ContentTypePart typePart) => [];

    protected virtual IEnumerable<(string Filter, string Value)> FilterValues(TData data, ContentTypePart typePart) => [];

    protected virtual Task WriteLinksAsync(PartLinkContext context, TData? data, CancellationToken ct) => Task.CompletedTask;

    protected virtual Task PrepareRestoreAsync(TData data, PartContext context, CancellationToken ct) => Task.CompletedTask;

    public override PartCard? CardOf(object data, ContentTypePart typePart) => CardOf((TData)data, typePart);

    protected virtual PartCard? CardOf(TData data, ContentTypePart typePart) => null;

    protected string Field(string property) => $"Parts.{Name}.{property}";
}

public sealed record ContentError(string Field, string Message);

/// <summary>A library file a part uses: its key and what it is used as ("Ảnh đại diện", "Văn bản ký (PDF)").</summary>
public sealed record MediaUse(string Key, string Label);

/// <summary>A filter a search offers from a part's values: its key (in addresses, <c>loc-{key}</c>) and its Vietnamese label.</summary>
public sealed record PartFilter(string Key, string Label);

/// <summary>One value of a <see cref="PartFilter"/> and how a visitor reads it ("2025", "UBND phường", a referred item's title).</summary>
public sealed record PartFilterOption(string Value, string Label);

/// <summary>What a part may read outside an edit: the site's published data.</summary>
public sealed record PartQueryContext(int SiteId, WardDbContext Db);

/// <summary>What a part may look at while validating: the site, the type's settings for the part, the database, the draft.</summary>
public sealed record PartContext(int SiteId, ContentTypeDefinition Type, JsonObject? Settings, WardDbContext Db, IReadOnlyDictionary<int, string> TermNames, IReadOnlyDictionary<int, string> TaskNames)
{
    public string? Setting(string key) => Settings?[key]?.GetValue<string>();

    /// <summary>The item being saved (null while it is created).</summary>
    public int? ItemId { get; init; }

    /// <summary>The whole draft being validated (a part may derive from another's data: the slug from the title).</summary>
    public ContentDraft? Draft { get; init; }

    public IReadOnlyDictionary<int, string> UnitNames { get; init; } = new Dictionary<int, string>();

    /// <summary>
    /// A recipe is being checked before it is applied: its "media:{name}" references (files of its
    /// media step, checked by the validator) are not in the library yet.
    /// </summary>
    public bool InRecipe { get; init; }
}

/// <summary>Where a part writes its link rows: the item and which of its versions (latest or public).</summary>
public sealed record PartLinkContext(WardDbContext Db, int ItemId, bool Published);

/// <summary>What a part's editor choices may depend on: the site, the type, the part's settings and who edits.</summary>
public sealed record PartChoicesContext(Site Site, ContentTypeDefinition Type, ContentTypePart TypePart, WardDbContext Db, Func<int, bool> UnitAllowed, int? CurrentUnitId);

/// <summary>An item about to be sent for review.</summary>
public sealed record PartReviewContext(WardDbContext Db, ContentItem Item, ContentTypeDefinition Type, ContentTypePart TypePart);

public sealed class ContentPartRegistry(IEnumerable<ContentPartDefinition> parts)
{
    private readonly Dictionary<string, ContentPartDefinition> _parts = parts.ToDictionary(p => p.Name, StringComparer.Ordinal);

    public IReadOnlyCollection<ContentPartDefinition> All => _parts.Values;

    public ContentPartDefinition? Find(string name) => _parts.GetValueOrDefault(name);

    public ContentPartDefinition Get(string name) =>
        Find(name) ?? throw new InvalidOperationException($"No content part named '{name}' exists.");

    /// <summary>The registered instance of a part class (for the features built on that part).</summary>
    public T Get<T>() where T : ContentPartDefinition =>
        _parts.Values.OfType<T>().FirstOrDefault() ?? throw new InvalidOperationException($"The part {typeof(T).Name} is not registered.");

    /// <summary>The registered parts of a type with their settings there, in the type's order.</summary>
    public IEnumerable<(ContentPartDefinition Part, ContentTypePart TypePart)> Of(ContentTypeDefinition type) =>
        type.Parts.Select(tp => (Part: Find(tp.Name), TypePart: tp)).Where(x => x.Part is not null).Select(x => (x.Part!, x.TypePart));

    /// <summary>The JSON-stored parts of a type, in the type's order.</summary>
    public IEnumerable<ContentPartDefinition> JsonPartsOf(ContentTypeDefinition type) =>
        type.Parts.Select(p => Find(p.Name)).OfType<ContentPartDefinition>().Where(p => !p.StoredInColumns);
}
