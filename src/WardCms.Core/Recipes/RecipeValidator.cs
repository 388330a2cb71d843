using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using WardCms.Core.Content;
using WardCms.Core.Content.Parts;
using WardCms.Core.Data;
using WardCms.Core.Security;
using WardCms.Core.Language;
using WardCms.Core.Sites;

namespace WardCms.Core.Recipes;

/// <summary>The outcome of validation: the typed recipe when there are no errors.</summary>
public sealed record RecipeValidation(Recipe? Recipe, IReadOnlyList<RecipeError> Errors)
{
    /// <summary>The site the recipe is for, when it could be read (also when the recipe is invalid).</summary>
    public string? SiteKey { get; init; }

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

    // The folder the recipe was read from: a media step's files are found relative to it (null: an uploaded recipe).
    private string? _folder;

    public async Task<RecipeValidation> ValidateAsync(string json, CancellationToken ct = default) => await ValidateAsync(json, null, ct);

    /// <param name="folder">The folder of the recipe's file, where its media step's files are; null for a recipe uploaded in the admin.</param>
    public async Task<RecipeValidation> ValidateAsync(string json, string? folder, CancellationToken ct = default)
    {
        _folder = folder;
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
            // Refused anywhere, before any step reads the document (a key written twice too): settings and part data are copied
            // as raw JSON, and PostgreSQL stores neither NUL in text nor \u0000 in jsonb.
            ForbiddenCharacters(doc.RootElement, "$", errors);
            if (errors.Count > 0)
            {
                return new(null, errors);
            }
            var recipe = await ReadAsync(doc.RootElement, errors, ct);
            return new(errors.Count == 0 ? recipe : null, errors) { SiteKey = recipe?.SiteKey };
        }
    }

    private static void ForbiddenCharacters(JsonElement e, string path, List<RecipeError> errors)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                // A key written twice ("minimum": 11, … "minimum": 1) would silently take the last value.
                var names = new HashSet<string>(StringComparer.Ordinal);
                foreach (var p in e.EnumerateObject())
                {
                    var at = $"{path}.{p.Name}";
                    if (p.Name.Contains('\0', StringComparison.Ordinal))
                    {
                        errors.Add(new(path, "tên thuộc tính chứa ký tự NUL (\\u0000), không được phép."));
                    }
                    if (!names.Add(p.Name))
                    {
                        errors.Add(new(at, $"\"{p.Name}\" được ghi hai lần trong cùng một đối tượng; giá trị sau sẽ đè giá trị trước, hãy giữ một"));
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
        // The parser's own reason is English; the character at the position says enough to fix it.
        string reason;
        if (line >= lines.Length || (line == lines.Length - 1 && column > lines[line].TrimEnd('\r').Length))
        {
            reason = "tệp kết thúc khi còn dấu { hoặc [ chưa đóng, hoặc một chuỗi chưa có dấu \" đóng";
        }
        else if (column > lines[line].TrimEnd('\r').Length)
        {
            reason = "xuống dòng khi chuỗi chưa có dấu \" đóng, hoặc thiếu dấu phẩy ở cuối dòng";
        }
        else
        {
            var c = lines[line][column - 1];
            reason = char.IsControl(c) ? $"có ký tự điều khiển U+{(int)c:X4} không được phép" : $"ký tự “{c}” không đúng chỗ";
        }
        return new("$", $"JSON sai cú pháp ở dòng {line + 1}, cột {column}: {reason}; kiểm tra dấu phẩy giữa các mục, "
            + "dấu hai chấm sau tên trường, dấu ngoặc kép quanh chuỗi và các dấu đóng } ]");
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
                    errors.Add(new(path, "bước \"site\" phải là bước đầu tiên"));
                }
                else if (e.TryGetProperty("key", out var k) && k.ValueKind == JsonValueKind.String)
                {
                    siteStepKey = k.GetString();
                }
            }
        }
        if (siteStepKey is not null && topSite is not null && siteStepKey != topSite)
        {
            errors.Add(new("$.site", $"ghi trang \"{topSite}\" nhưng bước \"site\" khai báo \"{siteStepKey}\"; hai khoá phải giống nhau"));
        }
        var siteKey = siteStepKey ?? topSite;
        var known = new Known();
        if (siteKey is null)
        {
            if (stepElements.Count == 0 || stepElements[0].Element.ValueKind != JsonValueKind.Object || !stepElements[0].Element.TryGetProperty("step", out var first) || first.GetString() != RecipeStepNames.Site)
            {
                errors.Add(new("$.site", "chưa có; công thức không có bước \"site\" thì phải ghi khoá của một trang đã có, ví dụ \"hai-ba-trung\""));
            }
        }
        else
        {
            await known.LoadAsync(db, siteKey, ct);
            if (known.SiteId is null && siteStepKey is null)
            {
                errors.Add(new("$.site", $"chưa có trang \"{siteKey}\"; hãy áp dụng công thức tạo trang đó trước"));
            }
        }

        var steps = new List<RecipeStep>();
        foreach (var (e, path) in stepElements)
        {
            if (e.ValueKind != JsonValueKind.Object)
            {
                errors.Add(new(path, $"mỗi bước phải là một đối tượng {{ \"step\": … }}, nhưng đang là {JsonObjectReader.Describe(e)}"));
                continue;
            }
            if (!e.TryGetProperty("step", out var kind) || kind.ValueKind != JsonValueKind.String)
            {
                errors.Add(new($"{path}.step", $"chưa có; ghi tên bước, một trong: {string.Join(", ", RecipeStepNames.All)}"));
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
                RecipeStepNames.Media => ReadMedia(e, path, errors, known),
                RecipeStepNames.Content => await ReadContentAsync(e, path, errors, known, ct),
                var other => Unknown(other, path, errors),
            };
            if (step is not null)
            {
                steps.Add(step);
            }
        }
        // Roles are declared after the site step: its two-step roles are checked once every step is read.
        foreach (var site in steps.OfType<SiteStep>())
        {
            foreach (var (role, i) in (site.Site.RequireTwoStepFor ?? []).Select((x, i) => (x, i)).Where(x => !known.Roles.Contains(x.x)))
            {
                errors.Add(new($"{site.Path}.requireTwoStepFor[{i}]", $"không có vai trò \"{role}\" ({Listed("các vai trò có", known.Roles)})"));
            }
        }
        foreach (var site in steps.OfType<SiteStep>().Where(s => s.Site.HostNames is { Length: > 0 }))
        {
            await CheckHostsAreFreeAsync(site, errors, ct);
        }
        if (known.SiteId is { } existingSite)
        {
            foreach (var step in steps.OfType<ContentTypesStep>())
            {
                await CheckAddressesApartFromStoredAsync(step, existingSite, errors, ct);
            }
        }
        return new Recipe(name, description, siteKey ?? "", steps);
    }

    /// <summary>A host name answers for one site only: one listed by another site is refused, naming that site.</summary>
    private async Task CheckHostsAreFreeAsync(SiteStep step, List<RecipeError> errors, CancellationToken ct)
    {
        var others = await db.Sites.AsNoTracking().Where(s => s.Key != step.Site.Key).ToListAsync(ct);
        foreach (var host in step.Site.HostNames!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (others.FirstOrDefault(o => o.ListsHost(host)) is { } taken)
            {
                errors.Add(new($"{step.Path}.hostNames", $"tên miền \"{host}\" đã thuộc trang \"{taken.Key}\"; mỗi tên miền chỉ dẫn tới một trang"));
            }
        }
    }

    private static RecipeStep? Unknown(string? kind, string path, List<RecipeError> errors)
    {
        errors.Add(new($"{path}.step", $"không có bước \"{kind}\" (các bước có: {string.Join(", ", RecipeStepNames.All)})"));
        return null;
    }

    private static SiteStep? ReadSite(JsonElement e, string path, List<RecipeError> errors)
    {
        var r = new JsonObjectReader(e, path, errors, "step", "key", "name", "issuingParent", "issuingBody", "placeName", "hostNames",
            "tagline", "contactText", "readingRate", "handbookReviewMonths", "timeZoneId", "searchSynonyms", "requireTwoStepFor",
            "level", "radioName", "reportRecipients", "kind", "cityPage", "documentCode");
        var key = Key(r, "key", 64);
        var name = r.String("name", required: true, maxLength: SiteLimits.NameLength);
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
            r.Error(r.At("timeZoneId"), $"không có múi giờ \"{timeZone}\", ví dụ Asia/Ho_Chi_Minh");
        }
        var kind = r.String("kind", maxLength: 32);
        if (kind is not null && !SiteKinds.All.Contains(kind))
        {
            r.Error(r.At("kind"), $"không có loại trang \"{kind}\"; dùng \"unit\" (trang của một đơn vị) hoặc \"cityPage\" (Trang CCHC Thành phố nhận bài của các đơn vị)");
        }
        var cityPage = r.String("cityPage", maxLength: 64);
        if (cityPage is { Length: > 0 } && (kind == SiteKinds.CityPage || cityPage == key))
        {
            r.Error(r.At("cityPage"), "Trang CCHC Thành phố không gửi bài cho chính nó; \"cityPage\" là khoá của trang Thành phố mà đơn vị này gửi bài tới");
        }
        var spec = new SiteSpec(key ?? "", name ?? "",
            r.String("issuingParent", maxLength: SiteLimits.IssuingLength), r.String("issuingBody", maxLength: SiteLimits.IssuingLength),
            r.String("placeName", maxLength: SiteLimits.PlaceLength), hosts,
            r.String("tagline", maxLength: SiteLimits.TaglineLength), r.String("contactText", maxLength: SiteLimits.ContactLength),
            r.Int("readingRate", min: SiteLimits.MinReadingRate, max: SiteLimits.MaxReadingRate),
            r.Int("handbookReviewMonths", min: SiteLimits.MinReviewMonths, max: SiteLimits.MaxReviewMonths), timeZone,
            r.Has("searchSynonyms") ? ReadSynonyms(r) : null,
            r.Has("requireTwoStepFor") ? r.Strings("requireTwoStepFor") : null,
            r.String("level", maxLength: SiteLimits.LevelLength), r.String("radioName", maxLength: SiteLimits.RadioNameLength),
            r.Has("reportRecipients") ? ReadRecipients(r) : null,
            kind, cityPage, r.String("documentCode", maxLength: SiteLimits.DocumentCodeLength));
        return new SiteStep(path, spec);
    }

    /// <summary>"reportRecipients": the "Nơi nhận" lines of the site's reports, each within the limits the site screen keeps.</summary>
    private static List<string> ReadRecipients(JsonObjectReader r)
    {
        var lines = r.Strings("reportRecipients");
        foreach (var (line, i) in lines.Select((l, i) => (l, i)).Where(x => x.l.Length > SiteLimits.RecipientLineLength))
        {
            r.Error($"{r.At("reportRecipients")}[{i}]", $"dài {line.Length} ký tự, tối đa {SiteLimits.RecipientLineLength} ký tự");
        }
        if (lines.Count > SiteLimits.MaxRecipientLines)
        {
            r.Error(r.At("reportRecipients"), $"có {lines.Count} dòng, tối đa {SiteLimits.MaxRecipientLines} dòng");
        }
        return lines;
    }

    /// <summary>
    /// "searchSynonyms": [["CCCD", "căn cước công dân"], …]: each entry two or more forms that mean the
    /// same; a form (compared without marks and case, as search compares them) belongs to one entry only.
    /// </summary>
    private static List<IReadOnlyList<string>> ReadSynonyms(JsonObjectReader r)
    {
        var groups = new List<IReadOnlyList<string>>();
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (entry, path) in r.Array("searchSynonyms"))
        {
            if (entry.ValueKind != JsonValueKind.Array)
            {
                r.Error(path, $"phải là một mảng các cách viết cùng nghĩa, ví dụ [\"CCCD\", \"căn cước công dân\"], nhưng đang là {JsonObjectReader.Describe(entry)}");
                continue;
            }
            var forms = new List<string>();
            var i = 0;
            foreach (var form in entry.EnumerateArray())
            {
                var formPath = $"{path}[{i++}]";
                var text = form.ValueKind == JsonValueKind.String ? Vietnamese.Nfc(form.GetString()).Trim() : null;
                if (string.IsNullOrEmpty(text) || !text.Any(char.IsLetterOrDigit))
                {
                    r.Error(formPath, $"phải là một từ hoặc cụm từ có chữ hoặc số, nhưng đang là {JsonObjectReader.Describe(form)}");
                    continue;
                }
                if (text.Length > Search.SearchSynonymCache.MaxFormLength)
                {
                    r.Error(formPath, $"dài {text.Length} ký tự; tối đa {Search.SearchSynonymCache.MaxFormLength} ký tự");
                    continue;
                }
                var folded = string.Join(' ', Search.VietnameseText.Tokenize(text).Select(t => t.Folded));
                if (seen.TryGetValue(folded, out var other))
                {
                    r.Error(formPath, $"“{text}” đã có ở {other}; mỗi cách viết chỉ thuộc một nhóm");
                    continue;
                }
                seen[folded] = formPath;
                forms.Add(text);
            }
            if (forms.Count < 2)
            {
                r.Error(path, "cần ít nhất hai cách viết cùng nghĩa");
            }
            else if (forms.Count > Search.SearchSynonymCache.MaxForms)
            {
                r.Error(path, $"có {forms.Count} cách viết; tối đa {Search.SearchSynonymCache.MaxForms}");
            }
            else
            {
                groups.Add(forms);
            }
        }
        return groups;
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
            var key = Key(ur, "key", UnitLimits.KeyLength);
            var name = ur.String("name", required: true, maxLength: UnitLimits.NameLength);
            var shortName = ur.String("shortName", maxLength: UnitLimits.ShortNameLength);
            var order = ur.Int("order", min: 0, max: UnitLimits.MaxOrder);
            if (key is not null && known.Declare("khoá đơn vị", key, ur.At("key"), errors))
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
                    errors.Add(new(pp, $"không có quyền {(s is null ? JsonObjectReader.Describe(perm) : $"\"{s}\"")} (các quyền có: {string.Join(", ", Permissions.All)})"));
                }
                else if (!permissions.Contains(s))
                {
                    permissions.Add(s);
                }
            }
            if (name is not null && known.Declare("tên vai trò", name, rr.At("name"), errors))
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
                ur.Error(ur.At("userName"), $"\"{userName}\" chỉ được gồm chữ a–z không dấu, chữ số và các dấu - . _ @ +");
            }
            if (userName is not null)
            {
                known.Declare("tên đăng nhập", userName.ToLowerInvariant(), ur.At("userName"), errors);
            }
            var email = ur.String("email", maxLength: 256);
            if (email is not null && (!email.Contains('@', StringComparison.Ordinal) || email.StartsWith('@') || email.EndsWith('@')))
            {
                ur.Error(ur.At("email"), $"\"{email}\" không phải địa chỉ thư điện tử, ví dụ ten@example.vn");
            }
            var unit = ur.String("unit", maxLength: 64);
            if (unit is not null && !known.Units.Contains(unit))
            {
                ur.Error(ur.At("unit"), $"không có đơn vị \"{unit}\" ({Listed("các đơn vị có", known.Units)})");
            }
            var roles = ur.Strings("roles");
            foreach (var (role, i) in roles.Select((x, i) => (x, i)))
            {
                if (!known.Roles.Contains(role))
                {
                    ur.Error($"{ur.At("roles")}[{i}]", $"không có vai trò \"{role}\" ({Listed("các vai trò có", known.Roles)})");
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
                tr.Error(tr.At("name"), $"\"{name}\" phải là tên kỹ thuật viết liền, mỗi từ bắt đầu bằng chữ hoa, chỉ gồm chữ không dấu và chữ số, ví dụ CchcArticle");
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
                        // The raw text keeps the recipe's comments and trailing commas: read it as the recipe was read.
                        partSettings = JsonNode.Parse(ps.GetRawText(), documentOptions: DocumentOptions) as JsonObject;
                    }
                    else
                    {
                        pr.Error(pr.At("settings"), $"phải là một đối tượng {{ … }}, nhưng đang là {JsonObjectReader.Describe(ps)}");
                    }
                }
                if (partName is null)
                {
                    continue;
                }
                if (partRegistry.Find(partName) is null)
                {
                    pr.Error(pr.At("name"), $"không có thành phần \"{partName}\" (các thành phần có: {string.Join(", ", partRegistry.All.Select(x => $"{x.Name} – {x.DisplayName}"))})");
                }
                else if (parts.Any(x => x.Name == partName))
                {
                    pr.Error(pr.At("name"), $"thành phần \"{partName}\" đã được ghi ở trên; mỗi thành phần chỉ ghi một lần");
                }
                else
                {
                    parts.Add(new ContentTypePart { Name = partName, Settings = partSettings });
                }
            }
            // A part the type's declaration needs but lacks says where and why (common always; route for a slug pattern).
            if (tr.Has("parts") && !HasErrorUnder(errors, tr.At("parts")))
            {
                foreach (var part in partRegistry.All.Where(x => !parts.Any(p => p.Name == x.Name)))
                {
                    if (part.RequiredBy(settings) is { } need)
                    {
                        tr.Error(tr.At(need.At), need.Message);
                    }
                }
            }
            if (name is not null && known.Declare("tên loại nội dung", name, tr.At("name"), errors))
            {
                known.Types[name] = parts;
            }
            types.Add(new ContentTypeSpec(p, name ?? "", displayName ?? "", order, settings, parts));
        }
        CheckAddressesApart(types, errors);
        // Each part checks its own settings (a fields part's declarations), once every type of the step is known.
        foreach (var type in types)
        {
            for (var i = 0; i < type.Parts.Count; i++)
            {
                var part = partRegistry.Find(type.Parts[i].Name);
                var typeIndex = int.Parse(type.Path[(type.Path.LastIndexOf('[') + 1)..^1], System.Globalization.CultureInfo.InvariantCulture);
                var at = $"{type.Path}.parts[{TypePartIndex(e, typeIndex, type.Parts[i].Name)}].settings";
                foreach (var (where, message) in part?.CheckSettings(type.Parts[i].Settings, known.Types.Keys) ?? [])
                {
                    errors.Add(new RecipeError($"{at}.{where}", message));
                }
            }
        }
        return new ContentTypesStep(path, types);
    }

    /// <summary>Where a part stands in a type's "parts" array as written (parts already refused are left out of the spec).</summary>
    private static int TypePartIndex(JsonElement step, int typeIndex, string partName)
    {
        var i = 0;
        foreach (var p in step.GetProperty("contentTypes")[typeIndex].GetProperty("parts").EnumerateArray())
        {
            if (p.ValueKind == JsonValueKind.Object && p.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String && n.GetString() == partName)
            {
                return i;
            }
            i++;
        }
        return 0;
    }

    /// <summary>Two types whose sections or item addresses overlap would answer each other's addresses.</summary>
    private static void CheckAddressesApart(List<ContentTypeSpec> types, List<RecipeError> errors)
    {
        for (var i = 0; i < types.Count; i++)
        {
            for (var j = 0; j < i; j++)
            {
                if (Clash(types[i].Settings, types[j].Settings) is { } clash)
                {
                    errors.Add(new RecipeError($"{types[i].Path}.settings.{clash.Key}",
                        $"địa chỉ \"{clash.Mine}\" của loại \"{types[i].Name}\" trùng hoặc nằm trong địa chỉ \"{clash.Theirs}\" của loại \"{types[j].Name}\"; mỗi loại cần một mục riêng, ví dụ /tin-tuc và /cam-nang"));
                }
            }
        }
    }

    /// <summary>The same check against the site's stored types this recipe does not declare again.</summary>
    private async Task CheckAddressesApartFromStoredAsync(ContentTypesStep step, int siteId, List<RecipeError> errors, CancellationToken ct)
    {
        var declared = step.Types.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var stored = (await db.ContentTypes.AsNoTracking().Where(t => t.SiteId == siteId).ToListAsync(ct)).Where(t => !declared.Contains(t.Name)).ToList();
        foreach (var type in step.Types)
        {
            foreach (var other in stored)
            {
                if (Clash(type.Settings, other.Settings) is { } clash)
                {
                    errors.Add(new RecipeError($"{type.Path}.settings.{clash.Key}",
                        $"địa chỉ \"{clash.Mine}\" của loại \"{type.Name}\" trùng hoặc nằm trong địa chỉ \"{clash.Theirs}\" của loại \"{other.Name}\" đã có trên trang; mỗi loại cần một mục riêng"));
                }
            }
        }
    }

    /// <summary>Where two types' section or item addresses overlap, if they do: the key of the first's setting and both addresses.</summary>
    private static (string Key, string Mine, string Theirs)? Clash(ContentTypeSettings mine, ContentTypeSettings theirs)
    {
        static IEnumerable<(string Key, string Address)> Addresses(ContentTypeSettings s) =>
            new[] { ("sectionPath", s.EffectiveSectionPath), ("slugPattern", s.SlugPrefix) }
                .Where(x => x.Item2 is { Length: > 1 }).Select(x => (x.Item1, x.Item2!));
        foreach (var a in Addresses(mine))
        {
            foreach (var b in Addresses(theirs))
            {
                if (ReservedPaths.Overlap(a.Address, b.Address))
                {
                    return (a.Key, a.Address, b.Address);
                }
            }
        }
        return null;
    }

    public const string MediaReference = "media:";
    private const long MaxRecipeFileBytes = 20 * 1024 * 1024;

    private MediaStep ReadMedia(JsonElement e, string path, List<RecipeError> errors, Known known)
    {
        var r = new JsonObjectReader(e, path, errors, "step", "files");
        var files = new List<MediaFileSpec>();
        foreach (var (x, p) in r.Array("files", required: true))
        {
            var fr = JsonObjectReader.Open(x, p, errors, "name", "file", "title", "folder");
            if (fr is null)
            {
                continue;
            }
            var name = fr.String("name", required: true, maxLength: 64);
            if (name is not null && !IsKey(name))
            {
                fr.Error(fr.At("name"), $"\"{name}\" phải là mã viết thường không dấu, ví dụ qd-12-2025");
                name = null;
            }
            if (name is not null && !known.Media.Add(name))
            {
                fr.Error(fr.At("name"), $"tệp \"{name}\" đã được khai báo ở trên");
            }
            var file = fr.String("file", required: true, maxLength: 300);
            string? full = null;
            if (file is not null)
            {
                if (_folder is null)
                {
                    fr.Error(fr.At("file"), "bước \"media\" đọc tệp nằm cạnh công thức, nên chỉ dùng được khi áp dụng công thức từ tệp (lệnh ./wardcms recipe apply)");
                }
                else if (Path.IsPathRooted(file) || file.Split('/', '\\').Contains(".."))
                {
                    fr.Error(fr.At("file"), $"\"{file}\" phải là đường dẫn tương đối trong thư mục của công thức, không có \"..\"");
                }
                else if (!File.Exists(full = Path.Combine(_folder, file)))
                {
                    fr.Error(fr.At("file"), $"không có tệp \"{file}\" trong thư mục của công thức");
                }
                else if (new FileInfo(full).Length > MaxRecipeFileBytes)
                {
                    fr.Error(fr.At("file"), $"tệp \"{file}\" lớn hơn 20 MB");
                }
            }
            var title = fr.String("title", maxLength: Media.MediaAsset.MaxTitle);
            var folder = fr.String("folder", maxLength: Media.MediaAsset.MaxFolder) ?? "";
            files.Add(new MediaFileSpec(p, name ?? "", full ?? "", title ?? Path.GetFileNameWithoutExtension(file ?? ""), folder));
        }
        return new MediaStep(path, files);
    }

    /// <summary>Every "media:{name}" string in a part's data names a file of the recipe's media steps.</summary>
    private static void CheckMediaReferences(JsonElement e, string path, Known known, List<RecipeError> errors)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var p in e.EnumerateObject())
                {
                    CheckMediaReferences(p.Value, $"{path}.{p.Name}", known, errors);
                }
                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in e.EnumerateArray())
                {
                    CheckMediaReferences(item, $"{path}[{i++}]", known, errors);
                }
                break;
            case JsonValueKind.String when e.GetString() is { } text && text.StartsWith(MediaReference, StringComparison.Ordinal)
                && !known.Media.Contains(text[MediaReference.Length..]):
                errors.Add(new(path, $"không có tệp \"{text[MediaReference.Length..]}\" trong bước \"media\" của công thức ({Listed("các tệp có", known.Media)})"));
                break;
        }
    }

    private static bool HasErrorUnder(List<RecipeError> errors, string path) => errors.Any(x => x.Path.StartsWith(path, StringComparison.Ordinal));

    private static ContentTypeSettings ReadTypeSettings(JsonObjectReader tr)
    {
        var sr = tr.Object("settings", false, "slugPattern", "sectionPath", "sectionTitle", "menuTitle", "inMenu", "channel", "hasReview", "description", "suggestedTasks", "searchWeight");
        if (sr is null)
        {
            return new ContentTypeSettings();
        }
        var slugPattern = sr.String("slugPattern", maxLength: 200);
        if (slugPattern is not null && (!slugPattern.StartsWith('/') || slugPattern.Split("{slug}").Length != 2 || slugPattern.Contains(' ', StringComparison.Ordinal)))
        {
            sr.Error(sr.At("slugPattern"), $"\"{slugPattern}\" phải bắt đầu bằng /, chứa {{slug}} đúng một lần và không có dấu cách, ví dụ /cchc/{{slug}}");
        }
        var sectionPath = sr.String("sectionPath", maxLength: 200);
        if (sectionPath is not null && (!sectionPath.StartsWith('/') || sectionPath.Contains(' ', StringComparison.Ordinal)))
        {
            sr.Error(sr.At("sectionPath"), $"\"{sectionPath}\" phải là đường dẫn bắt đầu bằng / và không có dấu cách, ví dụ /cchc");
        }
        // A fixed page on the same address would win and the section would silently disappear.
        foreach (var (key, address) in new[] { ("sectionPath", sectionPath), ("slugPattern", slugPattern?.Split("{slug}")[0]) })
        {
            if (address is { Length: > 0 } && ReservedPaths.CollisionOf(address) is { } fixedPage)
            {
                sr.Error(sr.At(key), $"\"{address}\" trùng với địa chỉ {fixedPage} mà trang có sẵn của hệ thống đang dùng; hãy chọn địa chỉ khác, ví dụ /tin-tuc");
            }
        }
        var channel = sr.String("channel", maxLength: 32);
        if (channel is not null && !IsKey(channel))
        {
            sr.Error(sr.At("channel"), $"\"{channel}\" phải là mã viết thường không dấu, ví dụ portal, radio hoặc handbook");
        }
        var suggested = sr.Ints("suggestedTasks");
        foreach (var (n, p) in suggested.Where(x => x.Value < 1))
        {
            sr.Error(p, $"số nhiệm vụ bắt đầu từ 1, đang là {n}");
        }
        var weight = sr.Number("searchWeight");
        if (weight is < 0.25m or > 4m)
        {
            sr.Error(sr.At("searchWeight"), $"hệ số xếp hạng tìm kiếm phải từ 0,25 đến 4 (1 là bình thường), đang là {weight}");
            weight = null;
        }
        return new ContentTypeSettings
        {
            SearchWeight = (double?)weight ?? 1.0,
            SlugPattern = slugPattern,
            SectionPath = sectionPath,
            SectionTitle = sr.String("sectionTitle", maxLength: 200),
            MenuTitle = sr.String("menuTitle", maxLength: 60),
            InMenu = sr.Bool("inMenu") ?? true,
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
                var termKey = Key(er, "key", TopicLimits.KeyLength);
                var termName = er.String("name", required: true, maxLength: TopicLimits.NameLength);
                var slug = er.String("slug", maxLength: TopicLimits.SlugLength) ?? Vietnamese.Slugify(termName);
                if (!Vietnamese.IsValidSlug(slug))
                {
                    er.Error(er.At("slug"), BadSlug(slug));
                }
                if (termKey is not null && !keys.TryAdd(termKey, er.At("key")))
                {
                    er.Error(er.At("key"), $"khoá mục \"{termKey}\" bị trùng (đã ghi ở {keys[termKey]})");
                }
                if (slug.Length > 0 && !slugs.TryAdd(slug, er.At("slug")))
                {
                    er.Error(er.At("slug"), $"đường dẫn mục \"{slug}\" bị trùng (đã ghi ở {slugs[slug]})");
                }
                terms.Add(new TermSpec(tp, termKey ?? "", termName ?? "", slug, er.String("description", maxLength: TopicLimits.DescriptionLength) ?? "", er.Int("order", min: 0, max: TopicLimits.MaxOrder) ?? terms.Count + 1));
            }
            if (key is not null && known.Declare("khoá danh mục", key, tr.At("key"), errors))
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
            r.Error(r.At("endsOn"), $"ngày kết thúc sớm hơn ngày bắt đầu ({startsOn:yyyy-MM-dd})");
        }
        var taskElements = r.Array("tasks", required: true).ToList();

        // Numbers first, so a rule may filter on a task declared further down.
        var numbers = new Dictionary<int, string>();
        foreach (var (te, tp) in taskElements)
        {
            if (te.ValueKind == JsonValueKind.Object && te.TryGetProperty("number", out var n) && n.TryGetInt32(out var number) && !numbers.TryAdd(number, $"{tp}.number"))
            {
                errors.Add(new($"{tp}.number", $"số nhiệm vụ {number} bị trùng (đã ghi ở {numbers[number]})"));
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
                tr.Error(tr.At("leadUnit"), $"không có đơn vị \"{lead}\" ({Listed("các đơn vị có", known.Units)})");
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
                    errors.Add(new(dp, $"phải là một ngày dạng \"2025-10-31\", nhưng đang là {JsonObjectReader.Describe(de)}"));
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
        if (key is not null && known.Declare("khoá kế hoạch", key, r.At("key"), errors))
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
            r.Error(r.At("minimum"), $"phải lớn hơn 0, đang là {minimum}");
        }
        else if (metric == "count" && minimum is { } m && m != decimal.Truncate(m))
        {
            r.Error(r.At("minimum"), $"chỉ tiêu đếm (metric \"count\") phải là số nguyên, đang là {m}");
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
                w.Error(w.At("to"), $"ngày kết thúc sớm hơn ngày bắt đầu của khoảng thời gian ({from:yyyy-MM-dd})");
            }
            rule["window"] = new JsonObject { ["from"] = from?.ToString("yyyy-MM-dd"), ["to"] = to?.ToString("yyyy-MM-dd") };
        }
        if (r.Object("filters", false, [.. PlanRuleVocabulary.Filters]) is { } f)
        {
            var filters = new JsonObject();
            Filter(f, "contentTypes", known.Types.Keys, "loại nội dung", filters);
            Filter(f, "channels", null, "kênh", filters);
            Filter(f, "topics", known.Taxonomies.Values.SelectMany(x => x), "chủ đề", filters);
            Filter(f, "units", known.Units, "đơn vị", filters);
            var tasks = f.Ints("tasks");
            foreach (var (n, p) in tasks.Where(x => !taskNumbers.Contains(x.Value)))
            {
                f.Error(p, $"không có nhiệm vụ số {n} trong kế hoạch này");
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
                f.Error($"{f.At(name)}[{i}]", $"không có {what} \"{v}\" ({Listed($"các {what} có", set)})");
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
            r.Error(r.At(name), $"\"{v}\" không thuộc các giá trị được dùng: {string.Join(", ", allowed)}");
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
                cr.Error(cr.At("type"), $"không có loại nội dung \"{typeName}\" ({Listed("các loại có", known.Types.Keys)})");
            }
            var slug = cr.String("slug", required: true, maxLength: 200);
            if (slug is not null && !Vietnamese.IsValidSlug(slug))
            {
                cr.Error(cr.At("slug"), BadSlug(slug));
            }
            else if (slug is not null)
            {
                known.Declare("đường dẫn (slug) của mục", slug, cr.At("slug"), errors);
            }
            var route = partRegistry.Get<RoutePart>();
            if (typeParts is not null && !typeParts.Any(x => x.Name == route.Name))
            {
                cr.Error(cr.At("type"), $"loại nội dung \"{typeName}\" không có thành phần \"{route.Name}\" ({route.DisplayName}) nên không nhận biết được mục theo slug; thêm thành phần đó vào loại");
            }
            var title = cr.String("title", required: true, maxLength: CommonPart.MaxTitle);
            var summary = cr.String("summary", maxLength: CommonPart.MaxSummary) ?? "";
            var body = cr.Text("body", maxLength: CommonPart.MaxBody) ?? "";
            var author = cr.String("author", maxLength: 200) ?? "";
            var unit = cr.String("unit", maxLength: 64);
            if (unit is not null && !known.Units.Contains(unit))
            {
                cr.Error(cr.At("unit"), $"không có đơn vị \"{unit}\" ({Listed("các đơn vị có", known.Units)})");
            }

            var topics = cr.Strings("topics");
            if (topics.Count > 0 && typeParts is not null)
            {
                var topicsDefinition = partRegistry.Get<TopicsPart>();
                var topicsPart = typeParts.FirstOrDefault(x => x.Name == topicsDefinition.Name);
                if (topicsPart is null)
                {
                    cr.Error(cr.At("topics"), $"loại nội dung \"{typeName}\" không có thành phần \"{topicsDefinition.Name}\" ({topicsDefinition.DisplayName}); bỏ trường này hoặc thêm thành phần vào loại");
                }
                else
                {
                    var taxonomy = TopicsPart.TaxonomyOf(topicsPart.Settings);
                    var terms = known.Taxonomies.GetValueOrDefault(taxonomy) ?? [];
                    foreach (var (t, i) in topics.Select((t, i) => (t, i)).Where(x => !terms.Contains(x.t)))
                    {
                        cr.Error($"{cr.At("topics")}[{i}]", $"không có chủ đề \"{t}\" trong danh mục \"{taxonomy}\" ({Listed("các khoá có", terms)})");
                    }
                }
            }

            var plan = cr.String("plan", maxLength: 64);
            var tasks = cr.Ints("tasks");
            var planTasks = partRegistry.Get<PlanTasksPart>();
            if (tasks.Count > 0 && typeParts is not null && !typeParts.Any(x => x.Name == planTasks.Name))
            {
                cr.Error(cr.At("tasks"), $"loại nội dung \"{typeName}\" không có thành phần \"{planTasks.Name}\" ({planTasks.DisplayName}); bỏ trường này hoặc thêm thành phần vào loại");
            }
            else if (tasks.Count > 0)
            {
                plan ??= known.CurrentPlan;
                if (plan is null || !known.Plans.TryGetValue(plan, out var numbers))
                {
                    cr.Error(plan is null ? cr.At("tasks") : cr.At("plan"), plan is null ? "trang chưa có kế hoạch nào để gắn nhiệm vụ; thêm bước \"plan\" trước bước \"content\"" : $"không có kế hoạch \"{plan}\" ({Listed("các kế hoạch có", known.Plans.Keys)})");
                }
                else
                {
                    foreach (var (n, tp) in tasks.Where(t => !numbers.Contains(t.Value)))
                    {
                        cr.Error(tp, $"không có nhiệm vụ số {n} trong kế hoạch \"{plan}\"");
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
                        pr.Error(pr.At(prop.Name), $"thành phần \"{prop.Name}\" ({part.DisplayName}) được ghi qua các trường của mục (title, slug, topics, tasks…), không ghi trong parts");
                    }
                    else if (!typeParts.Any(x => x.Name == prop.Name))
                    {
                        pr.Error(pr.At(prop.Name), $"loại nội dung \"{typeName}\" không có thành phần \"{prop.Name}\" ({part.DisplayName})");
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
                cr.Error(cr.At("status"), $"\"{status}\" không thuộc các giá trị được dùng: draft (bản nháp), published (đã đăng)");
            }
            if (status == "draft" && publishedAt is not null)
            {
                cr.Error(cr.At("status"), "là \"draft\" (bản nháp) nhưng lại có publishedAt; bỏ publishedAt hoặc đổi thành \"published\"");
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
                    errors.Add(new($"{item.Path}.slug", $"\"{item.Slug}\" đã là đường dẫn của một mục thuộc loại {other.ContentType}; chọn slug khác"));
                }
            }
        }
        return new ContentStep(path, items);
    }

    /// <summary>Runs the part's own normalisation and validation, so part errors surface before anything is written.</summary>
    private async Task<bool> ValidatePartAsync(ContentPartDefinition part, JsonElement value, string path, string typeName,
        List<ContentTypePart> typeParts, Known known, List<RecipeError> errors, CancellationToken ct)
    {
        var before = errors.Count;
        CheckMediaReferences(value, path, known, errors);
        if (errors.Count > before)
        {
            return false;
        }
        object? data;
        try
        {
            data = value.Deserialize(part.DataType, ContentJson.Options);
        }
        catch (JsonException ex)
        {
            var jsonPath = ex.Path is { Length: > 1 } jp ? jp[1..] : "";
            errors.Add(new(path + jsonPath, $"không đúng kiểu dữ liệu của thành phần \"{part.Name}\" ({part.DisplayName}): {WrongType(part.DataType, value, jsonPath)}"));
            return false;
        }
        if (data is null)
        {
            errors.Add(new(path, $"thành phần \"{part.Name}\" ({part.DisplayName}) phải là một đối tượng {{ … }}"));
            return false;
        }
        part.Normalize(data);
        var type = new ContentTypeDefinition { Name = typeName, DisplayName = typeName, SiteId = known.SiteId ?? 0, Parts = typeParts };
        var context = new PartContext(known.SiteId ?? 0, type, typeParts.First(x => x.Name == part.Name).Settings, db,
            new Dictionary<int, string>(), new Dictionary<int, string>()) { InRecipe = true };
        var partErrors = await part.ValidateAsync(data, context, ct);
        foreach (var pe in partErrors)
        {
            var field = pe.Field.StartsWith($"Parts.{part.Name}.", StringComparison.Ordinal) ? pe.Field[$"Parts.{part.Name}.".Length..] : pe.Field;
            errors.Add(new($"{path}.{char.ToLowerInvariant(field[0])}{field[1..]}", pe.Message));
        }
        return partErrors.Count == 0;
    }

    /// <summary>"phải là một số nguyên, nhưng đang là chuỗi "một"": what the part's data record holds at <paramref name="jsonPath"/> (".cues[0].seconds") and what the recipe gave.</summary>
    private static string WrongType(Type type, JsonElement value, string jsonPath)
    {
        foreach (var segment in jsonPath.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = segment.Split('[')[0];
            var property = type.GetProperties().FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
            if (property is null || value.ValueKind != JsonValueKind.Object || !value.TryGetProperty(ContentJson.Options.PropertyNamingPolicy!.ConvertName(property.Name), out value))
            {
                return "kiểm tra tên và kiểu của các trường";
            }
            type = property.PropertyType;
            if (segment.Contains('[', StringComparison.Ordinal) && type.IsGenericType && int.TryParse(segment.Split('[', ']')[1], out var i))
            {
                type = type.GetGenericArguments()[0];
                value = value.ValueKind == JsonValueKind.Array && i < value.GetArrayLength() ? value[i] : value;
            }
        }
        type = Nullable.GetUnderlyingType(type) ?? type;
        var expected = type == typeof(string) ? "một chuỗi trong dấu ngoặc kép"
            : type == typeof(int) || type == typeof(long) ? "một số nguyên, ví dụ 1"
            : type == typeof(decimal) || type == typeof(double) ? "một số"
            : type == typeof(bool) ? "true hoặc false"
            : type == typeof(DateOnly) ? "một ngày dạng \"2025-03-31\""
            : type != typeof(string) && typeof(System.Collections.IEnumerable).IsAssignableFrom(type) ? "một mảng [ … ]"
            : "một đối tượng { … }";
        return $"phải là {expected}, nhưng đang là {JsonObjectReader.Describe(value)}";
    }

    private static string BadSlug(string slug) =>
        $"\"{slug}\" không phải slug hợp lệ: chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang đơn, ví dụ dang-ky-tam-tru";

    /// <summary>"các đơn vị có: kthtdt, vhxh", or that there are none; long lists are cut.</summary>
    private static string Listed(string label, IEnumerable<string> values)
    {
        var sorted = values.Order(StringComparer.Ordinal).ToList();
        return sorted.Count == 0 ? "chưa có giá trị nào được khai báo"
            : $"{label}: {string.Join(", ", sorted.Take(20))}{(sorted.Count > 20 ? ", …" : "")}";
    }

    private static string? Key(JsonObjectReader r, string name, int maxLength)
    {
        var key = r.String(name, required: true, maxLength: maxLength);
        if (key is not null && !IsKey(key))
        {
            r.Error(r.At(name), $"\"{key}\" phải là khoá gồm chữ thường a–z không dấu, chữ số, - hoặc _");
            return null;
        }
        return key;
    }

    /// <summary>A key recipes name things by: lower-case a–z without marks, digits, "-" or "_" (the settings screens use the same rule).</summary>
    public static bool IsKey(string? s) => s is { Length: > 0 } && s.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '_');

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
        /// <summary>Files of the recipe's media steps, by the name content refers to them with ("media:{name}").</summary>
        public HashSet<string> Media { get; } = new(StringComparer.Ordinal);
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
                errors.Add(new(path, $"{what} \"{key}\" bị trùng (đã ghi ở {first})"));
                return false;
            }
            _declared[$"{what}\0{key}"] = path;
            return true;
        }
    }
}
