using System.Text.Json;
using System.Text.Json.Nodes;
using WardCms.Core.Content.Parts;

namespace WardCms.Core.Content;

/// <summary>What an editor submits: the common fields, the slug and the data of each other part.</summary>
public sealed class ContentDraft
{
    public CommonPart.Data Common { get; set; } = new();
    public RoutePart.Data Route { get; set; } = new();
    /// <summary>Part data objects keyed by part name (types from each part's DataType).</summary>
    public Dictionary<string, object> Parts { get; } = new(StringComparer.Ordinal);

    public T Part<T>(string name) where T : class, new() => Parts.TryGetValue(name, out var v) && v is T t ? t : new T();

    public static ContentDraft FromVersion(ContentVersion v, ContentTypeDefinition type, ContentPartRegistry registry)
    {
        var draft = new ContentDraft
        {
            Common = new() { Title = v.Title, Summary = v.Summary, Body = v.Body, AuthorName = v.AuthorName, UnitId = v.UnitId },
            Route = new() { Slug = v.Slug },
        };
        var json = JsonNode.Parse(v.PartsJson) as JsonObject ?? [];
        foreach (var part in registry.JsonPartsOf(type))
        {
            draft.Parts[part.Name] = part.Read(json);
        }
        return draft;
    }

    public static ContentDraft Empty(ContentTypeDefinition type, ContentPartRegistry registry)
    {
        var draft = new ContentDraft();
        foreach (var part in registry.JsonPartsOf(type))
        {
            draft.Parts[part.Name] = part.CreateData();
        }
        return draft;
    }

    public string SerializeParts(ContentTypeDefinition type, ContentPartRegistry registry)
    {
        var obj = new JsonObject();
        foreach (var part in registry.JsonPartsOf(type))
        {
            var data = Parts.GetValueOrDefault(part.Name) ?? part.CreateData();
            obj[part.Name] = JsonSerializer.SerializeToNode(data, part.DataType, ContentJson.Options);
        }
        return obj.ToJsonString(ContentJson.Options);
    }
}

public sealed record Actor(string? UserId, string Name)
{
    public static readonly Actor System = new(null, "Hệ thống");
}
