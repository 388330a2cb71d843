using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace WardCms.Core.Content;

/// <summary>A content type as declared in a recipe: data, not code.</summary>
public sealed class ContentTypeDefinition : IPublicRecord
{
    public int Id { get; set; }
    public int SiteId { get; set; }
    /// <summary>Technical name, e.g. "CchcArticle".</summary>
    public required string Name { get; set; }
    public required string DisplayName { get; set; }
    public string SettingsJson { get; set; } = "{}";
    public string PartsJson { get; set; } = "[]";
    public int Order { get; set; }

    // Parsed once per JSON string: pages read the settings and parts many times per request. Each cache
    // is one immutable object swapped whole, because the public read model shares a definition between
    // requests on several threads (a half-written pair could be read as "no settings").
    private sealed record Parsed<T>(string Json, T Value);

    private Parsed<ContentTypeSettings>? _settings;
    private Parsed<IReadOnlyList<ContentTypePart>>? _parts;

    public ContentTypeSettings Settings
    {
        get
        {
            var cached = Volatile.Read(ref _settings);
            if (cached is null || !ReferenceEquals(cached.Json, SettingsJson))
            {
                var json = SettingsJson;
                cached = new(json, JsonSerializer.Deserialize<ContentTypeSettings>(json, ContentJson.Options) ?? new());
                Volatile.Write(ref _settings, cached);
            }
            return cached.Value;
        }
        set => SettingsJson = JsonSerializer.Serialize(value, ContentJson.Options);
    }

    public IReadOnlyList<ContentTypePart> Parts
    {
        get
        {
            var cached = Volatile.Read(ref _parts);
            if (cached is null || !ReferenceEquals(cached.Json, PartsJson))
            {
                var json = PartsJson;
                cached = new(json, JsonSerializer.Deserialize<List<ContentTypePart>>(json, ContentJson.Options) ?? []);
                Volatile.Write(ref _parts, cached);
            }
            return cached.Value;
        }
        set => PartsJson = JsonSerializer.Serialize(value, ContentJson.Options);
    }
}

public sealed record ContentTypeSettings
{
    /// <summary>Public address of an item: "/cchc/{slug}". Null: the type has no public page.</summary>
    public string? SlugPattern { get; init; }
    /// <summary>The section index: "/cchc". Derived from the slug pattern when not set.</summary>
    public string? SectionPath { get; init; }
    public string? SectionTitle { get; init; }
    /// <summary>The section's label in the public menu when the section title is too long for it ("Cẩm nang").</summary>
    public string? MenuTitle { get; init; }
    /// <summary>Whether the section is listed in the public menu (in type order).</summary>
    public bool InMenu { get; init; } = true;
    /// <summary>The channel the type publishes to: "portal", "radio", "handbook".</summary>
    public string Channel { get; init; } = "portal";
    /// <summary>Whether items go through the unit head and the leader before publication.</summary>
    public bool HasReview { get; init; } = true;
    public string? Description { get; init; }
    /// <summary>
    /// How much search favours the type's items when they match equally well: 1 normally; the
    /// handbook, the citizen's reference, 1.5. Applied at index time (see LuceneSearchIndex).
    /// </summary>
    public double SearchWeight { get; init; } = 1.0;
    /// <summary>Plan task numbers suggested to editors for items of this type.</summary>
    public IReadOnlyList<int> SuggestedTasks { get; init; } = [];

    [JsonIgnore]
    public string? EffectiveSectionPath => SectionPath ?? SlugPrefix?.TrimEnd('/');

    /// <summary>"/cchc/" for "/cchc/{slug}".</summary>
    [JsonIgnore]
    public string? SlugPrefix
    {
        get
        {
            if (SlugPattern is null)
            {
                return null;
            }
            var i = SlugPattern.IndexOf("{slug}", StringComparison.Ordinal);
            return i < 0 ? null : SlugPattern[..i];
        }
    }

    public string? UrlFor(string? slug) => SlugPattern is null || string.IsNullOrEmpty(slug) ? null : SlugPattern.Replace("{slug}", slug);
}

public sealed record ContentTypePart
{
    public required string Name { get; init; }
    public JsonObject? Settings { get; init; }
}

public static class ContentJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // Part data in recipes is read from the recipe's own text, which may hold comments and trailing commas.
        AllowTrailingCommas = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}
