using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using WardCms.Core.Content;
using WardCms.Core.Content.Parts;
using WardCms.Core.Data;
using WardCms.Core.Security;
using WardCms.Core.Language;

namespace WardCms.Core.Recipes;

/// <summary>The outcome of validation: the typed recipe when there are no errors.</summary>
public sealed record RecipeValidation(Recipe? Recipe, IReadOnlyList<RecipeError> Errors)
{
    public bool IsValid => Recipe is not null && Errors.Count == 0;
}

/// <summary>
/// Checks a whole recipe before anything is written: syntax, shape, values, and every reference
/// (unit, role, content type, term, plan task) against what earlier steps declare and what the
/// target site already holds. Reports every problem with its JSON path.
/// </summary>
public sealed class RecipeValidator(WardDbContext db, ContentPartRegistry partRegistry)
{
    /// <summary>Recipes are written by hand: comments and trailing commas are allowed.</summary>
    public static readonly JsonDocumentOptions DocumentOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        MaxDepth = 64,
    };

    public async Task<RecipeValidation> ValidateAsync(string json, CancellationToken ct = default)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException ex)
        {
            return new(null, [SyntaxError(json, ex)]);
        }
        using (doc)
        {
            var errors = new List<RecipeError>();
            // Refused anywhere, before any step reads the document: settings and part data are copied
            // as raw JSON, and PostgreSQL stores neither NUL in text nor \u0000 in jsonb.
            ForbiddenCharacters(doc.RootElement, "$", errors);
            if (errors.Count > 0)
            {
                return new(null, errors);
            }
            var recipe = await ReadAsync(doc.RootElement, errors, ct);
            return new(errors.Count == 0 ? recipe : null, errors);
        }
    }

    private static void ForbiddenCharacters(JsonElement e, string path, List<RecipeError> errors)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var p in e.EnumerateObject())
                {
                    var at = $"{path}.{p.Name}";
                    if (p.Name.Contains('\0', StringComparison.Ordinal))
                    {
                        errors.Add(new(path, "tên thuộc tính chứa ký tự NUL (\\u0000), không được phép."));
                    }
                    ForbiddenCharacters(p.Value, at, errors);
                }
                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in e.EnumerateArray())
                {
                    ForbiddenCharacters(item, $"{path}[{i++}]", errors);
                }
                break;
            case JsonValueKind.String:
                string? text;
                try
                {
                    text = e.GetString();
                }
                catch (InvalidOperationException)
                {
                    // "\ud800" alone: escaped half of a surrogate pair, which no text can hold.
                    errors.Add(new(path, "chứa ký tự Unicode không hợp lệ (nửa cặp surrogate), không được phép."));
                    break;
                }
                if (text is not null && text.Contains('\0', StringComparison.Ordinal))
                {
                    errors.Add(new(path, "chứa ký tự NUL (\\u0000), không được phép trong văn bản."));
                }
                break;
        }
    }

    private static RecipeError SyntaxError(string json, JsonException ex)
    {
        var line = (int)(ex.LineNumber ?? 0);
        var bytes = (int)(ex.BytePositionInLine ?? 0);
        // The parser counts bytes; an author counts characters, and Vietnamese letters take 2–3 bytes.
        var lines = json.Split('\n');
        var column = bytes + 1;
        if (line < lines.Length)
        {
            var lineBytes = Encoding.UTF8.GetBytes(lines[line]);
            column = Encoding.UTF8.GetString(lineBytes, 0, Math.Min(bytes, lineBytes.Length)).Length + 1;
        }
        var reason = ex.Message;
        var cut = reason.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut > 0)
        {
            reason = reason[..cut];
        }
        return new("$", $"invalid JSON at line {line + 1}, column {column}: {reason}");
    }

    private async Task<Recipe?> ReadAsync(JsonElement rootElement, List<RecipeError> errors, CancellationToken ct)
    {
        var root = JsonObjectReader.Open(rootElement, "$", errors, "$schema", "name", "description", "site", "steps");
        if (root is null)
        {
            return null;
        }
        var name = root.String("name", required: true, maxLength: 200) ?? "";
        var description = root.String("description", maxLength: 4000) ?? "";
        var topSite = root.String("site", maxLength: 64);
        var stepElements = root.Array("steps", required: true).ToList();

        // The target site comes first: every later reference is resolved against it.
        string? siteStepKey = null;
        for (var i = 0; i < stepElements.Count; i++)
        {
            var (e, path) = stepElements[i];
            if (e.ValueKind == JsonValueKind.Object && e.TryGetProperty("step", out var s) && s.ValueKind == JsonValueKind.String && s.GetString() == RecipeStepNames.Site)
            {
                if (i != 0)
                {
                    errors.Add(new(path, "the site step must be the first step"));
                }
                else if (e.TryGetProperty("key", out var k) && k.ValueKind == JsonValueKind.String)
                {
                    siteStepKey = k.GetString();
                }
            }
        }
        if (siteStepKey is not null && topSite is not null && siteStepKey != topSite)
        {
            errors.Add(new("$.site", $"names site \"{topSite}\" but the site step declares \"{siteStepKey}\""));
        }
        var siteKey = siteStepKey ?? topSite;
        var known = new Known();
        if (siteKey is null)
        {
            if (stepElements.Count == 0 || stepElements[0].Element.ValueKind != JsonValueKind.Object || !stepElements[0].Element.TryGetProperty("step", out var first) || first.GetString() != RecipeStepNames.Site)
            {
                errors.Add(new("$.site", "is required when the recipe has no site step (the key of an existing site, e.g. \"hai-ba-trung\")"));
            }
        }
        else
        {
            await known.LoadAsync(db, siteKey, ct);
            if (known.SiteId is null && siteStepKey is null)
            {
                errors.Add(new("$.site", $"no site \"{siteKey}\" exists; apply its site recipe first"));
            }
        }

        var steps = new List<RecipeStep>();
        foreach (var (e, path) in stepElements)
        {
            if (e.ValueKind != JsonValueKind.Object)
            {
                errors.Add(new(path, $"expected a step object, found {JsonObjectReader.Describe(e)}"));
                continue;
            }
            if (!e.TryGetProperty("step", out var kind) || kind.ValueKind != JsonValueKind.String)
            {
                errors.Add(new($"{path}.step", $"is required: one of {string.Join(", ", RecipeStepNames.All)}"));
                continue;
            }
            RecipeStep? step = kind.GetString() switch
            {
                RecipeStepNames.Site => ReadSite(e, path, errors),
                RecipeStepNames.Units => ReadUnits(e, path, errors, known),
                RecipeStepNames.Roles => ReadRoles(e, path, errors, known),
                RecipeStepNames.Users => ReadUsers(e, path, errors, known),
                RecipeStepNames.ContentTypes => ReadContentTypes(e, path, errors, known),
                RecipeStepNames.Taxonomies => ReadTaxonomies(e, path, errors, known),
                RecipeStepNames.Plan => ReadPlan(e, path, errors, known),
                RecipeStepNames.Content => await ReadContentAsync(e, path, errors, known, ct),
                var other => Unknown(other, path, errors),
            };
            if (step is not null)
            {
                steps.Add(step);
            }
        }
        return new Recipe(name, description, siteKey ?? "", steps);
    }

    private static RecipeStep? Unknown(string? kind, string path, List<RecipeError> errors)
    {
        errors.Add(new($"{path}.step", $"unknown step \"{kind}\" (known steps: {string.Join(", ", RecipeStepNames.All)})"));
        return null;
    }

    private static SiteStep? ReadSite(JsonElement e, string path, List<RecipeError> errors)
    {
        var r = new JsonObjectReader(e, path, errors, "step", "key", "name", "issuingParent", "issuingBody", "placeName", "hostNames",
            "tagline", "contactText", "readingRate", "handbookReviewMonths", "timeZoneId");
        var key = Key(r, "key", 64);
        var name = r.String("name", required: true, maxLength: 200);
        string? hosts = null;
        if (r.Get("hostNames") is { ValueKind: JsonValueKind.String } h)
        {
            hosts = string.Join(",", h.GetString()!.ToLowerInvariant().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }
        else if (r.Has("hostNames"))
        {
            hosts = string.Join(",", r.Strings("hostNames").Select(x => x.ToLowerInvariant()));
        }
        var timeZone = r.String("timeZoneId", maxLength: 64);
        if (timeZone is not null && !TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out _))
        {
            r.Error(r.At("timeZoneId"), $"unknown time zone \"{timeZone}\"");
        }
        var spec = new SiteSpec(key ?? "", name ?? "",
            r.String("issuingParent", maxLength: 200), r.String("issuingBody", maxLength: 200), r.String("placeName", maxLength: 200), hosts,
            r.String("tagline", maxLength: 500), r.String("contactText", maxLength: 4000),
            r.Int("readingRate", min: 60, max: 600), r.Int("handbookReviewMonths", min: 1, max: 60), timeZone);
        return new SiteStep(path, spec);
    }

    private static UnitsStep ReadUnits(JsonElement e, string path, List<RecipeError> errors, Known known)
    {
        var r = new JsonObjectReader(e, path, errors, "step", "units");
        var units = new List<UnitSpec>();
        foreach (var (u, p) in r.Array("units", required: true))
        {
            var ur = JsonObjectReader.Open(u, p, errors, "key", "name", "shortName", "order");
            if (ur is null)
            {
                continue;
            }
            var key = Key(ur, "key", 64);
            var name = ur.String("name", required: true, maxLength: 200);
            var shortName = ur.String("shortName", maxLength: 64);
            var order = ur.Int("order", min: 0, max: 10_000);
            if (key is not null && known.Declare("unit key", key, ur.At("key"), errors))
            {
                known.Units.Add(key);
            }
            units.Add(new UnitSpec(p, key ?? "", name ?? "", shortName, order));
        }
        return new UnitsStep(path, units);
    }

    private static RolesStep ReadRoles(JsonElement e, string path, List<RecipeError> errors, Known known)
    {
        var r = new JsonObjectReader(e, path, errors, "step", "roles");
        var roles = new List<RoleSpec>();
        foreach (var (x, p) in r.Array("roles", required: true))
        {
            var rr = JsonObjectReader.Open(x, p, errors, "name", "displayName", "description", "permissions");
            if (rr is null)
            {
                continue;
            }
            var name = Key(rr, "name", 64);
            var permissions = new List<string>();
            foreach (var (perm, pp) in rr.Array("permissions", required: true))
            {
                var s = perm.ValueKind == JsonValueKind.String ? perm.GetString()! : null;
                if (s is null || !Permissions.All.Contains(s, StringComparer.Ordinal))
                {
                    errors.Add(new(pp, $"unknown permission {(s is null ? JsonObjectReader.Describe(perm) : $"\"{s}\"")} (known: {string.Join(", ", Permissions.All)})"));
                }
                else if (!permissions.Contains(s))
                {
                    permissions.Add(s);
                }
            }
            if (name is not null && known.Declare("role name", name, rr.At("name"), errors))
            {
                known.Roles.Add(name);
            }
            roles.Add(new RoleSpec(p, name ?? "", rr.String("displayName", maxLength: 200), rr.String("description", maxLength: 1000), permissions));
        }
        return new RolesStep(path, roles);
    }

    private static UsersStep ReadUsers(JsonElement e, string path, List<RecipeError> errors, Known known)
    {
        var r = new JsonObjectReader(e, path, errors, "step", "users");
        var users = new List<UserSpec>();
        foreach (var (x, p) in r.Array("users", required: true))
        {
            var ur = JsonObjectReader.Open(x, p, errors, "userName", "fullName", "email", "unit", "roles", "password");
            if (ur is null)
            {
                continue;
            }
            var userName = ur.String("userName", required: true, maxLength: 256);
            if (userName is not null && userName.Any(c => !(char.IsAsciiLetterOrDigit(c) || "-._@+".Contains(c))))
            {
                ur.Error(ur.At("userName"), $"\"{userName}\" may only contain letters a–z, digits and - . _ @ +");
            }
            if (userName is not null)
            {
                known.Declare("user name", userName.ToLowerInvariant(), ur.At("userName"), errors);
            }
            var email = ur.String("email", maxLength: 256);
            if (email is not null && (!email.Contains('@', StringComparison.Ordinal) || email.StartsWith('@') || email.EndsWith('@')))
            {
                ur.Error(ur.At("email"), $"\"{email}\" is not an e-mail address");
            }
            var unit = ur.String("unit", maxLength: 64);
            if (unit is not null && !known.Units.Contains(unit))
            {
                ur.Error(ur.At("unit"), $"unknown unit \"{unit}\"");
            }
            var roles = ur.Strings("roles");
            foreach (var (role, i) in roles.Select((x, i) => (x, i)))
            {
                if (!known.Roles.Contains(role))
                {
                    ur.Error($"{ur.At("roles")}[{i}]", $"unknown role \"{role}\"");
                }
            }
            users.Add(new UserSpec(p, userName ?? "", ur.String("fullName", maxLength: 200), email, unit, roles, ur.String("password", maxLength: 200)));
        }
        return new UsersStep(path, users);
    }

    private ContentTypesStep ReadContentTypes(JsonElement e, string path, List<RecipeError> errors, Known known)
    {
        var r = new JsonObjectReader(e, path, errors, "step", "contentTypes");
        var types = new List<ContentTypeSpec>();
        foreach (var (x, p) in r.Array("contentTypes", required: true))
        {
            var tr = JsonObjectReader.Open(x, p, errors, "name", "displayName", "order", "settings", "parts");
            if (tr is null)
            {
                continue;
            }
            var name = tr.String("name", required: true, maxLength: 64);
            if (name is not null && (!char.IsAsciiLetterUpper(name[0]) || !name.All(char.IsAsciiLetterOrDigit)))
            {
                tr.Error(tr.At("name"), $"\"{name}\" must be a technical name in PascalCase (letters and digits, e.g. CchcArticle)");
                name = null;
            }
            var displayName = tr.String("displayName", required: true, maxLength: 200);
            var order = tr.Int("order", min: 0, max: 10_000) ?? 0;
            var settings = ReadTypeSettings(tr);

            var parts = new List<ContentTypePart>();
            foreach (var (pe, pp) in tr.Array("parts", required: true))
            {
                var pr = JsonObjectReader.Open(pe, pp, errors, "name", "settings");
                if (pr is null)
                {
                    continue;
                }
                var partName = pr.String("name", required: true, maxLength: 64);
                JsonObject? partSettings = null;
                if (pr.Get("settings") is { } ps)
                {
                    if (ps.ValueKind == JsonValueKind.Object)
                    {
                        partSettings = JsonNode.Parse(ps.GetRawText()) as JsonObject;
                    }
                    else
                    {
                        pr.Error(pr.At("settings"), $"expected an object, found {JsonObjectReader.Describe(ps)}");
                    }
                }
                if (partName is null)
                {
                    continue;
                }
                if (partRegistry.Find(partName) is null)
                {
                    pr.Error(pr.At("name"), $"unknown part \"{partName}\" (known parts: {string.Join(", ", partRegistry.All.Select(x => x.Name))})");
                }
                else if (parts.Any(x => x.Name == partName))
                {
                    pr.Error(pr.At("name"), $"duplicate part \"{partName}\"");
                }
                else
                {
                    parts.Add(new ContentTypePart { Name = partName, Settings = partSettings });
                }
            }
            if (tr.Has("parts") && !parts.Any(x => x.Name == CommonPart.PartName) && !HasErrorUnder(errors, tr.At("parts")))
            {
                tr.Error(tr.At("parts"), $"every content type needs the \"{CommonPart.PartName}\" part (title, summary, body)");
            }
            if (settings.SlugPattern is not null && !parts.Any(x => x.Name == RoutePart.PartName) && tr.Has("parts"))
            {
                tr.Error(tr.At("settings.slugPattern"), $"a slug pattern needs the \"{RoutePart.PartName}\" part");
            }
            if (name is not null && known.Declare("content type", name, tr.At("name"), errors))
            {
                known.Types[name] = parts;
            }
            types.Add(new ContentTypeSpec(p, name ?? "", displayName ?? "", order, settings, parts));
        }
        return new ContentTypesStep(path, types);
    }

    private static bool HasErrorUnder(List<RecipeError> errors, string path) => errors.Any(x => x.Path.StartsWith(path, StringComparison.Ordinal));

    private static ContentTypeSettings ReadTypeSettings(JsonObjectReader tr)
    {
        var sr = tr.Object("settings", false, "slugPattern", "sectionPath", "sectionTitle", "channel", "hasReview", "description", "suggestedTasks");
        if (sr is null)
        {
            return new ContentTypeSettings();
        }
        var slugPattern = sr.String("slugPattern", maxLength: 200);
        if (slugPattern is not null && (!slugPattern.StartsWith('/') || slugPattern.Split("{slug}").Length != 2 || slugPattern.Contains(' ', StringComparison.Ordinal)))
        {
            sr.Error(sr.At("slugPattern"), $"\"{slugPattern}\" must start with / and contain {{slug}} once, e.g. /cchc/{{slug}}");
        }
        var sectionPath = sr.String("sectionPath", maxLength: 200);
        if (sectionPath is not null && (!sectionPath.StartsWith('/') || sectionPath.Contains(' ', StringComparison.Ordinal)))
        {
            sr.Error(sr.At("sectionPath"), $"\"{sectionPath}\" must be a path starting with /, e.g. /cchc");
        }
        var channel = sr.String("channel", maxLength: 32);
        if (channel is not null && !IsKey(channel))
        {
            sr.Error(sr.At("channel"), $"\"{channel}\" must be a lower-case key such as portal, radio or handbook");
        }
        var suggested = sr.Ints("suggestedTasks");
        foreach (var (n, p) in suggested.Where(x => x.Value < 1))
        {
            sr.Error(p, $"task numbers start at 1, found {n}");
        }
        return new ContentTypeSettings
        {
            SlugPattern = slugPattern,
            SectionPath = sectionPath,
            SectionTitle = sr.String("sectionTitle", maxLength: 200),
            Channel = channel ?? "portal",
            HasReview = sr.Bool("hasReview") ?? true,
            Description = sr.String("description", maxLength: 2000),
            SuggestedTasks = suggested.Select(x => x.Value).Distinct().ToList(),
        };
    }

    private static TaxonomiesStep ReadTaxonomies(JsonElement e, string path, List<RecipeError> errors, Known known)
    {
        var r = new JsonObjectReader(e, path, errors, "step", "taxonomies");
        var taxonomies = new List<TaxonomySpec>();
        foreach (var (x, p) in r.Array("taxonomies", required: true))
        {
            var tr = JsonObjectReader.Open(x, p, errors, "key", "name", "terms");
            if (tr is null)
            {
                continue;
            }
            var key = Key(tr, "key", 64);
            var name = tr.String("name", required: true, maxLength: 200);
            var terms = new List<TermSpec>();
            var keys = new Dictionary<string, string>(StringComparer.Ordinal);
            var slugs = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (te, tp) in tr.Array("terms", required: true))
            {
                var er = JsonObjectReader.Open(te, tp, errors, "key", "name", "slug", "description", "order");
                if (er is null)
                {
                    continue;
                }
                var termKey = Key(er, "key", 64);
                var termName = er.String("name", required: true, maxLength: 200);
                var slug = er.String("slug", maxLength: 200) ?? Vietnamese.Slugify(termName);
                if (!Vietnamese.IsValidSlug(slug))
                {
                    er.Error(er.At("slug"), $"\"{slug}\" is not a valid slug (lower-case letters without diacritics, digits, single hyphens)");
                }
                if (termKey is not null && !keys.TryAdd(termKey, er.At("key")))
                {
                    er.Error(er.At("key"), $"duplicate term key \"{termKey}\" (first at {keys[termKey]})");
                }
                if (slug.Length > 0 && !slugs.TryAdd(slug, er.At("slug")))
                {
                    er.Error(er.At("slug"), $"duplicate term slug \"{slug}\" (first at {slugs[slug]})");
                }
                terms.Add(new TermSpec(tp, termKey ?? "", termName ?? "", slug, er.String("description", maxLength: 2000) ?? "", er.Int("order", min: 0, max: 10_000) ?? terms.Count + 1));
            }
            if (key is not null && known.Declare("taxonomy key", key, tr.At("key"), errors))
            {
                known.Taxonomies[key] = known.Taxonomies.TryGetValue(key, out var existing) ? [.. existing, .. keys.Keys] : [.. keys.Keys];
            }
            taxonomies.Add(new TaxonomySpec(p, key ?? "", name ?? "", terms));
        }
        return new TaxonomiesStep(path, taxonomies);
    }

    private static PlanStep ReadPlan(JsonElement e, string path, List<RecipeError> errors, Known known)
    {
        var r = new JsonObjectReader(e, path, errors, "step", "key", "number", "title", "issuingBody", "year", "issuedOn", "startsOn", "endsOn",
            "signatory", "signatoryTitle", "tasks");
        var key = Key(r, "key", 64);
        var year = r.Int("year", required: true, min: 2000, max: 2100) ?? 2000;
        var startsOn = r.Date("startsOn") ?? new DateOnly(year, 1, 1);
        var endsOn = r.Date("endsOn") ?? new DateOnly(year, 12, 31);
        if (endsOn < startsOn)
        {
            r.Error(r.At("endsOn"), $"ends before it starts ({startsOn:yyyy-MM-dd})");
        }
        var taskElements = r.Array("tasks", required: true).ToList();

        // Numbers first, so a rule may filter on a task declared further down.
        var numbers = new Dictionary<int, string>();
        foreach (var (te, tp) in taskElements)
        {
            if (te.ValueKind == JsonValueKind.Object && te.TryGetProperty("number", out var n) && n.TryGetInt32(out var number) && !numbers.TryAdd(number, $"{tp}.number"))
            {
                errors.Add(new($"{tp}.number", $"duplicate task number {number} (first at {numbers[number]})"));
            }
        }
        var tasks = new List<PlanTaskSpec>();
        foreach (var (te, tp) in taskElements)
        {
            var tr = JsonObjectReader.Open(te, tp, errors, "number", "text", "shortName", "leadUnit", "coordinatingUnits", "deadline", "dueDates", "rules");
            if (tr is null)
            {
                continue;
            }
            var number = tr.Int("number", required: true, min: 1, max: 1000) ?? 0;
            var text = tr.String("text", required: true, maxLength: 4000);
            var lead = tr.String("leadUnit", maxLength: 64);
            if (lead is not null && !known.Units.Contains(lead))
            {
                tr.Error(tr.At("leadUnit"), $"unknown unit \"{lead}\"");
            }
            var dueDates = new List<DateOnly>();
            foreach (var (de, dp) in tr.Array("dueDates"))
            {
                if (de.ValueKind == JsonValueKind.String && tr.ParseDate(de.GetString()!, dp) is { } d)
                {
                    dueDates.Add(d);
                }
                else if (de.ValueKind != JsonValueKind.String)
                {
                    errors.Add(new(dp, $"expected a date such as \"2025-10-31\", found {JsonObjectReader.Describe(de)}"));
                }
            }
            var rules = new JsonArray();
            foreach (var (re, rp) in tr.Array("rules"))
            {
                if (ReadRule(re, rp, errors, known, numbers.Keys) is { } rule)
                {
                    rules.Add(rule);
                }
            }
            tasks.Add(new PlanTaskSpec(tp, number, text ?? "", tr.String("shortName", maxLength: 200) ?? "", lead,
                tr.String("coordinatingUnits", maxLength: 1000) ?? "", tr.String("deadline", maxLength: 500) ?? "", dueDates.Order().ToList(), rules));
        }
        if (key is not null && known.Declare("plan key", key, r.At("key"), errors))
        {
            known.Plans[key] = [.. numbers.Keys];
            known.UsePlanIfLatest(key, year);
        }
        var spec = new PlanSpec(path, key ?? "", r.String("number", maxLength: 64) ?? "", r.String("title", required: true, maxLength: 500) ?? "",
            r.String("issuingBody", maxLength: 200) ?? "", year, r.Date("issuedOn"), startsOn, endsOn,
            r.String("signatory", maxLength: 200) ?? "", r.String("signatoryTitle", maxLength: 200) ?? "", tasks);
        return new PlanStep(path, spec);
    }

    /// <summary>Validates a quota rule and returns it normalised (fixed key order, NFC label) for PlanTask.RulesJson.</summary>
    private static JsonObject? ReadRule(JsonElement e, string path, List<RecipeError> errors, Known known, IEnumerable<int> taskNumbers)
    {
        var r = JsonObjectReader.Open(e, path, errors, "metric", "minimum", "period", "window", "event", "filters", "label");
        if (r is null)
        {
            return null;
        }
        var before = errors.Count;
        var metric = OneOf(r, "metric", PlanRuleVocabulary.Metrics);
        var minimum = r.Number("minimum", required: true);
        if (minimum is <= 0)
        {
            r.Error(r.At("minimum"), $"must be greater than 0, found {minimum}");
        }
        else if (metric == "count" && minimum is { } m && m != decimal.Truncate(m))
        {
            r.Error(r.At("minimum"), $"a count must be a whole number, found {m}");
        }
        var period = OneOf(r, "period", PlanRuleVocabulary.Periods);
        var ev = OneOf(r, "event", PlanRuleVocabulary.Events);
        var rule = new JsonObject
        {
            ["metric"] = metric,
            ["minimum"] = minimum,
            ["period"] = period,
            ["event"] = ev,
        };
        if (r.Object("window", false, "from", "to") is { } w)
        {
            var from = w.Date("from", required: true);
            var to = w.Date("to", required: true);
            if (from is not null && to is not null && to < from)
            {
                w.Error(w.At("to"), $"ends before the window starts ({from:yyyy-MM-dd})");
            }
            rule["window"] = new JsonObject { ["from"] = from?.ToString("yyyy-MM-dd"), ["to"] = to?.ToString("yyyy-MM-dd") };
        }
        if (r.Object("filters", false, [.. PlanRuleVocabulary.Filters]) is { } f)
        {
            var filters = new JsonObject();
            Filter(f, "contentTypes", known.Types.Keys, "content type", filters);
            Filter(f, "channels", null, "channel", filters);
            Filter(f, "topics", known.Taxonomies.Values.SelectMany(x => x), "topic term", filters);
            Filter(f, "units", known.Units, "unit", filters);
            var tasks = f.Ints("tasks");
            foreach (var (n, p) in tasks.Where(x => !taskNumbers.Contains(x.Value)))
            {
                f.Error(p, $"unknown task {n} in this plan");
            }
            if (tasks.Count > 0)
            {
                filters["tasks"] = new JsonArray([.. tasks.Select(x => (JsonNode)x.Value)]);
            }
            rule["filters"] = filters;
        }
        rule["label"] = r.String("label", maxLength: 300) ?? "";
        return errors.Count == before ? rule : null;
    }

    private static void Filter(JsonObjectReader f, string name, IEnumerable<string>? known, string what, JsonObject into)
    {
        var values = f.Strings(name);
        if (known is not null)
        {
            var set = known.ToHashSet(StringComparer.Ordinal);
            foreach (var (v, i) in values.Select((v, i) => (v, i)).Where(x => !set.Contains(x.v)))
            {
                f.Error($"{f.At(name)}[{i}]", $"unknown {what} \"{v}\"");
            }
        }
        if (values.Count > 0)
        {
            into[name] = new JsonArray([.. values.Select(x => (JsonNode)x)]);
        }
    }

    private static string? OneOf(JsonObjectReader r, string name, IReadOnlyList<string> allowed)
    {
        var v = r.String(name, required: true, maxLength: 64);
        if (v is not null && !allowed.Contains(v, StringComparer.Ordinal))
        {
            r.Error(r.At(name), $"\"{v}\" is not one of: {string.Join(", ", allowed)}");
            return null;
        }
        return v;
    }

    private async Task<ContentStep> ReadContentAsync(JsonElement e, string path, List<RecipeError> errors, Known known, CancellationToken ct)
    {
        var r = new JsonObjectReader(e, path, errors, "step", "content");
        var items = new List<ContentSpec>();
        foreach (var (x, p) in r.Array("content", required: true))
        {
            var cr = JsonObjectReader.Open(x, p, errors, "type", "slug", "title", "summary", "body", "author", "unit", "topics", "plan", "tasks", "parts", "publishedAt", "status");
            if (cr is null)
            {
                continue;
            }
            var typeName = cr.String("type", required: true, maxLength: 64);
            List<ContentTypePart>? typeParts = null;
            if (typeName is not null && !known.Types.TryGetValue(typeName, out typeParts))
            {
                cr.Error(cr.At("type"), $"unknown content type \"{typeName}\"");
            }
            var slug = cr.String("slug", required: true, maxLength: 200);
            if (slug is not null && !Vietnamese.IsValidSlug(slug))
            {
                cr.Error(cr.At("slug"), $"\"{slug}\" is not a valid slug (lower-case letters without diacritics, digits, single hyphens)");
            }
            else if (slug is not null)
            {
                known.Declare("content slug", slug, cr.At("slug"), errors);
            }
            if (typeParts is not null && !typeParts.Any(x => x.Name == RoutePart.PartName))
            {
                cr.Error(cr.At("type"), $"content type \"{typeName}\" has no \"{RoutePart.PartName}\" part, so an item cannot be keyed by its slug");
            }
            var title = cr.String("title", required: true, maxLength: CommonPart.MaxTitle);
            var summary = cr.String("summary", maxLength: CommonPart.MaxSummary) ?? "";
            var body = cr.Text("body", maxLength: CommonPart.MaxBody) ?? "";
            var author = cr.String("author", maxLength: 200) ?? "";
            var unit = cr.String("unit", maxLength: 64);
            if (unit is not null && !known.Units.Contains(unit))
            {
                cr.Error(cr.At("unit"), $"unknown unit \"{unit}\"");
            }

            var topics = cr.Strings("topics");
            if (topics.Count > 0 && typeParts is not null)
            {
                var topicsPart = typeParts.FirstOrDefault(x => x.Name == TopicsPart.PartName);
                if (topicsPart is null)
                {
                    cr.Error(cr.At("topics"), $"content type \"{typeName}\" has no \"{TopicsPart.PartName}\" part");
                }
                else
                {
                    var taxonomy = TaxonomyOf(topicsPart);
                    var terms = known.Taxonomies.GetValueOrDefault(taxonomy) ?? [];
                    foreach (var (t, i) in topics.Select((t, i) => (t, i)).Where(x => !terms.Contains(x.t)))
                    {
                        cr.Error($"{cr.At("topics")}[{i}]", $"unknown term \"{t}\" in taxonomy \"{taxonomy}\"");
                    }
                }
            }

            var plan = cr.String("plan", maxLength: 64);
            var tasks = cr.Ints("tasks");
            if (tasks.Count > 0 && typeParts is not null && !typeParts.Any(x => x.Name == PlanTasksPart.PartName))
            {
                cr.Error(cr.At("tasks"), $"content type \"{typeName}\" has no \"{PlanTasksPart.PartName}\" part");
            }
            else if (tasks.Count > 0)
            {
                plan ??= known.CurrentPlan;
                if (plan is null || !known.Plans.TryGetValue(plan, out var numbers))
                {
                    cr.Error(plan is null ? cr.At("tasks") : cr.At("plan"), plan is null ? "the site has no plan to tag tasks of" : $"unknown plan \"{plan}\"");
                }
                else
                {
                    foreach (var (n, tp) in tasks.Where(t => !numbers.Contains(t.Value)))
                    {
                        cr.Error(tp, $"unknown task {n} in plan \"{plan}\"");
                    }
                }
            }

            var partData = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            if (cr.Object("parts", false, [.. partRegistry.All.Select(x => x.Name)]) is { } pr && typeParts is not null)
            {
                foreach (var prop in pr.Element.EnumerateObject())
                {
                    var part = partRegistry.Find(prop.Name);
                    if (part is null)
                    {
                        continue; // reported as an unknown property
                    }
                    if (part.StoredInColumns || part is TopicsPart or PlanTasksPart)
                    {
                        pr.Error(pr.At(prop.Name), $"the {prop.Name} part is set through the item's own fields (title, slug, topics, tasks…)");
                    }
                    else if (!typeParts.Any(x => x.Name == prop.Name))
                    {
                        pr.Error(pr.At(prop.Name), $"content type \"{typeName}\" has no \"{prop.Name}\" part");
                    }
                    else if (await ValidatePartAsync(part, prop.Value, pr.At(prop.Name), typeName!, typeParts, known, errors, ct))
                    {
                        partData[prop.Name] = prop.Value.Clone();
                    }
                }
            }

            var publishedAt = cr.Instant("publishedAt");
            var status = cr.String("status", maxLength: 32);
            if (status is not null && status is not ("draft" or "published"))
            {
                cr.Error(cr.At("status"), $"\"{status}\" is not one of: draft, published");
            }
            if (status == "draft" && publishedAt is not null)
            {
                cr.Error(cr.At("status"), "is \"draft\" but publishedAt is set");
            }
            items.Add(new ContentSpec(p, typeName ?? "", slug ?? "", title ?? "", summary, body, author, unit, topics, plan,
                tasks.Select(t => t.Value).Distinct().ToList(), partData, publishedAt, status == "published" || publishedAt is not null));
        }

        // The slug is the key: an existing item of another type holding it would be overwritten by mistake.
        if (known.SiteId is { } siteId && items.Count > 0)
        {
            var slugs = items.Select(i => i.Slug).Where(s => s.Length > 0).ToList();
            var existing = await db.ContentItems.AsNoTracking()
                .Where(i => i.SiteId == siteId && ((i.Slug != null && slugs.Contains(i.Slug)) || (i.PublishedSlug != null && slugs.Contains(i.PublishedSlug))))
                .Select(i => new { i.Slug, i.PublishedSlug, i.ContentType }).ToListAsync(ct);
            foreach (var item in items)
            {
                var other = existing.FirstOrDefault(x => (x.Slug == item.Slug || x.PublishedSlug == item.Slug) && x.ContentType != item.Type);
                if (other is not null && item.Type.Length > 0)
                {
                    errors.Add(new($"{item.Path}.slug", $"\"{item.Slug}\" already belongs to an item of type {other.ContentType}"));
                }
            }
        }
        return new ContentStep(path, items);
    }

    /// <summary>Runs the part's own normalisation and validation, so part errors surface before anything is written.</summary>
    private async Task<bool> ValidatePartAsync(ContentPartDefinition part, JsonElement value, string path, string typeName,
        List<ContentTypePart> typeParts, Known known, List<RecipeError> errors, CancellationToken ct)
    {
        object? data;
        try
        {
            data = value.Deserialize(part.DataType, ContentJson.Options);
        }
        catch (JsonException ex)
        {
            errors.Add(new(ex.Path is { Length: > 1 } jp ? path + jp[1..] : path, $"does not fit the {part.Name} part: {ex.Message.Split(" Path:")[0]}"));
            return false;
        }
        if (data is null)
        {
            errors.Add(new(path, $"expected an object for the {part.Name} part"));
            return false;
        }
        part.Normalize(data);
        var type = new ContentTypeDefinition { Name = typeName, DisplayName = typeName, SiteId = known.SiteId ?? 0, Parts = typeParts };
        var context = new PartContext(known.SiteId ?? 0, type, typeParts.First(x => x.Name == part.Name).Settings, db,
            new Dictionary<int, string>(), new Dictionary<int, string>());
        var partErrors = await part.ValidateAsync(data, context, ct);
        foreach (var pe in partErrors)
        {
            var field = pe.Field.StartsWith($"Parts.{part.Name}.", StringComparison.Ordinal) ? pe.Field[$"Parts.{part.Name}.".Length..] : pe.Field;
            errors.Add(new($"{path}.{char.ToLowerInvariant(field[0])}{field[1..]}", pe.Message));
        }
        return partErrors.Count == 0;
    }

    internal static string TaxonomyOf(ContentTypePart topicsPart) =>
        topicsPart.Settings?["taxonomy"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : "topics";

    private static string? Key(JsonObjectReader r, string name, int maxLength)
    {
        var key = r.String(name, required: true, maxLength: maxLength);
        if (key is not null && !IsKey(key))
        {
            r.Error(r.At(name), $"\"{key}\" must be a key of lower-case letters a–z, digits, - or _");
            return null;
        }
        return key;
    }

    private static bool IsKey(string s) => s.Length > 0 && s.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '_');

    /// <summary>What exists so far: the target site's rows, plus what earlier steps of the recipe declare.</summary>
    private sealed class Known
    {
        private readonly Dictionary<string, string> _declared = new(StringComparer.Ordinal);

        public int? SiteId { get; private set; }
        public HashSet<string> Units { get; } = new(StringComparer.Ordinal);
        public HashSet<string> Roles { get; } = new(StringComparer.OrdinalIgnoreCase);
        public Dictionary<string, List<ContentTypePart>> Types { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, HashSet<string>> Taxonomies { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, HashSet<int>> Plans { get; } = new(StringComparer.Ordinal);
        /// <summary>The plan content tags tasks of by default: the one of the latest year (ties: the last declared).</summary>
        public string? CurrentPlan { get; private set; }

        private int _currentPlanYear = int.MinValue;

        public void UsePlanIfLatest(string key, int year)
        {
            if (year >= _currentPlanYear)
            {
                CurrentPlan = key;
                _currentPlanYear = year;
            }
        }

        public async Task LoadAsync(WardDbContext db, string siteKey, CancellationToken ct)
        {
            Roles.UnionWith(await db.Roles.AsNoTracking().Select(r => r.Name!).ToListAsync(ct));
            var site = await db.Sites.AsNoTracking().FirstOrDefaultAsync(s => s.Key == siteKey, ct);
            if (site is null)
            {
                return;
            }
            SiteId = site.Id;
            Units.UnionWith(await db.Units.AsNoTracking().Where(u => u.SiteId == site.Id).Select(u => u.Key).ToListAsync(ct));
            foreach (var t in await db.ContentTypes.AsNoTracking().Where(t => t.SiteId == site.Id).ToListAsync(ct))
            {
                Types[t.Name] = [.. t.Parts];
            }
            foreach (var t in await db.Terms.AsNoTracking().Where(t => t.Taxonomy!.SiteId == site.Id).Select(t => new { t.Taxonomy!.Key, Term = t.Key }).ToListAsync(ct))
            {
                if (!Taxonomies.TryGetValue(t.Key, out var set))
                {
                    Taxonomies[t.Key] = set = new(StringComparer.Ordinal);
                }
                set.Add(t.Term);
            }
            foreach (var t in await db.Taxonomies.AsNoTracking().Where(t => t.SiteId == site.Id).Select(t => t.Key).ToListAsync(ct))
            {
                Taxonomies.TryAdd(t, new(StringComparer.Ordinal));
            }
            var plans = await db.Plans.AsNoTracking().Where(p => p.SiteId == site.Id).OrderBy(p => p.Year).ThenBy(p => p.Id)
                .Select(p => new { p.Key, p.Year, Numbers = p.Tasks.Select(t => t.Number).ToList() }).ToListAsync(ct);
            foreach (var p in plans)
            {
                Plans[p.Key] = [.. p.Numbers];
                UsePlanIfLatest(p.Key, p.Year);
            }
        }

        /// <summary>Records a key declared by the recipe; false (with an error) when the recipe declared it already.</summary>
        public bool Declare(string what, string key, string path, List<RecipeError> errors)
        {
            if (_declared.TryGetValue($"{what}\0{key}", out var first))
            {
                errors.Add(new(path, $"duplicate {what} \"{key}\" (first at {first})"));
                return false;
            }
            _declared[$"{what}\0{key}"] = path;
            return true;
        }
    }
}
