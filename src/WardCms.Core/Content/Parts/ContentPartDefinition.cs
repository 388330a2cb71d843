using System.Text.Json;
using System.Text.Json.Nodes;
using WardCms.Core.Data;

namespace WardCms.Core.Content.Parts;

/// <summary>
/// A part is one C# feature: its data record, its validation, and the names of its editor and
/// display partials (in the themes, under Pages/Shared/Parts/). Types combine parts by name.
/// </summary>
public abstract class ContentPartDefinition
{
    public abstract string Name { get; }
    public abstract string DisplayName { get; }
    public abstract Type DataType { get; }

    /// <summary>Common and route keep their data in version columns; the others in PartsJson.</summary>
    public virtual bool StoredInColumns => false;

    public string EditorPartial => $"Parts/{Name}.Edit";
    public string DisplayPartial => $"Parts/{Name}.Display";

    public object CreateData() => Activator.CreateInstance(DataType)!;

    /// <summary>Whether a type is made with this part (features built on a part find their types by it, never by type name).</summary>
    public bool IsIn(ContentTypeDefinition type) => type.Parts.Any(p => p.Name == Name);

    public object Read(JsonObject parts) =>
        parts[Name] is { } node ? node.Deserialize(DataType, ContentJson.Options) ?? CreateData() : CreateData();

    /// <summary>Normalises (NFC, trims) the data in place before validation.</summary>
    public virtual void Normalize(object data)
    {
    }

    public abstract Task<IReadOnlyList<ContentError>> ValidateAsync(object data, PartContext context, CancellationToken ct);

    /// <summary>Human-readable (label, value) pairs used by the version diff.</summary>
    public abstract IEnumerable<(string Label, string Value)> Describe(object data, PartContext context);
}

public abstract class ContentPartDefinition<TData> : ContentPartDefinition where TData : class, new()
{
    public override Type DataType => typeof(TData);

    public override void Normalize(object data) => Normalize((TData)data);

    public override Task<IReadOnlyList<ContentError>> ValidateAsync(object data, PartContext context, CancellationToken ct) =>
        ValidateAsync((TData)data, context, ct);

    public override IEnumerable<(string Label, string Value)> Describe(object data, PartContext context) => Describe((TData)data, context);

    protected virtual void Normalize(TData data)
    {
    }

    protected abstract Task<IReadOnlyList<ContentError>> ValidateAsync(TData data, PartContext context, CancellationToken ct);

    protected abstract IEnumerable<(string Label, string Value)> Describe(TData data, PartContext context);

    protected string Field(string property) => $"Parts.{Name}.{property}";
}

public sealed record ContentError(string Field, string Message);

/// <summary>What a part may look at while validating: the site, the type's settings for the part, the database.</summary>
public sealed record PartContext(int SiteId, ContentTypeDefinition Type, JsonObject? Settings, WardDbContext Db, IReadOnlyDictionary<int, string> TermNames, IReadOnlyDictionary<int, string> TaskNames)
{
    public string? Setting(string key) => Settings?[key]?.GetValue<string>();
}

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

    /// <summary>The JSON-stored parts of a type, in the type's order.</summary>
    public IEnumerable<ContentPartDefinition> JsonPartsOf(ContentTypeDefinition type) =>
        type.Parts.Select(p => Find(p.Name)).OfType<ContentPartDefinition>().Where(p => !p.StoredInColumns);
}
