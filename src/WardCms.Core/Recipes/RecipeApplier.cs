using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using WardCms.Core.Content;
using WardCms.Core.Editorial;
using WardCms.Core.Content.Parts;
using WardCms.Core.Data;
using WardCms.Core.Planning;
using WardCms.Core.Security;
using WardCms.Core.Sites;

namespace WardCms.Core.Recipes;

/// <summary>
/// Applies a recipe: validates all of it first, then runs every step in one transaction, so a
/// recipe is applied whole or not at all. Steps upsert by key, so applying twice changes nothing.
/// </summary>
public sealed class RecipeApplier(
    WardDbContext db,
    RecipeValidator validator,
    ContentManager content,
    ContentPartRegistry parts,
    UserManager<StaffUser> users,
    RoleManager<StaffRole> roles,
    Search.SearchSynonymCache synonyms,
    TimeProvider clock,
    EditorialService editorial,
    IServiceProvider services)
{
    // The library keys of this recipe's media files, by the name content refers to them with.
    private readonly Dictionary<string, string> _mediaKeys = new(StringComparer.Ordinal);

    private static readonly Actor RecipeActor = new(null, "Công thức (recipe)");

    public async Task<RecipeResult> ApplyAsync(Stream json, CancellationToken ct = default)
    {
        using var reader = new StreamReader(json, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        return await ApplyAsync(await reader.ReadToEndAsync(ct), ct);
    }

    /// <summary>A recipe file: its media step's files are read from beside it.</summary>
    /// <exception cref="RecipeValidationException">The recipe is invalid, or a step failed; nothing was applied.</exception>
    public async Task<RecipeResult> ApplyFileAsync(string path, CancellationToken ct = default) =>
        await ApplyAsync(await File.ReadAllTextAsync(path, ct), null, ct, Path.GetDirectoryName(Path.GetFullPath(path)));

    /// <summary>
    /// A site's own administrator applies recipes from the admin: a recipe for another site (or one
    /// that would create a site) is refused, naming both keys, and nothing is applied.
    /// </summary>
    /// <exception cref="RecipeValidationException">The recipe is for another site, invalid, or a step failed; nothing was applied.</exception>
    public async Task<RecipeResult> ApplyToSiteAsync(Stream json, string siteKey, CancellationToken ct = default)
    {
        using var reader = new StreamReader(json, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        return await ApplyAsync(await reader.ReadToEndAsync(ct), siteKey, ct);
    }

    /// <exception cref="RecipeValidationException">The recipe is invalid, or a step failed; nothing was applied.</exception>
    public Task<RecipeResult> ApplyAsync(string json, CancellationToken ct = default) => ApplyAsync(json, null, ct);

    /// <summary>
    /// `./wardcms site add`: a new site from a recipe (its site step, units, roles, types, plan… in one
    /// transaction), answering on <paramref name="host"/> when given (in place of the recipe's host
    /// names, so one template recipe serves many wards). A recipe whose site exists already is refused:
    /// `recipe apply` updates a site; a host name another site lists is refused naming that site.
    /// </summary>
    /// <exception cref="RecipeValidationException">Not a new site, a host taken, or an invalid recipe; nothing was applied.</exception>
    public async Task<RecipeResult> AddSiteAsync(string json, string? host, CancellationToken ct = default, string? folder = null)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: RecipeValidator.DocumentOptions);
        }
        catch (JsonException)
        {
            return await ApplyAsync(json, null, ct, folder); // the validator names the syntax error
        }
        var siteStep = (root?["steps"] as JsonArray)?.FirstOrDefault() as JsonObject;
        if (siteStep?["step"]?.GetValue<string>() != RecipeStepNames.Site || siteStep["key"]?.GetValue<string>() is not { } key)
        {
            throw new RecipeValidationException([new RecipeError("$.steps[0]", "công thức tạo trang mới phải bắt đầu bằng bước \"site\" có \"key\"")]);
        }
        if (await db.Sites.AnyAsync(s => s.Key == key, ct))
        {
            throw new RecipeValidationException([new RecipeError("$.steps[0].key",
                $"đã có trang \"{key}\"; lệnh site add chỉ tạo trang mới (cập nhật trang đã có bằng recipe apply)")]);
        }
        if (!string.IsNullOrWhiteSpace(host))
        {
            siteStep["hostNames"] = new JsonArray(host.Trim().ToLowerInvariant());
        }
        return await ApplyAsync(root!.ToJsonString(), null, ct, folder);
    }

    private async Task<RecipeResult> ApplyAsync(string json, string? onlySite, CancellationToken ct, string? folder = null)
    {
        var validation = await validator.ValidateAsync(json, folder, ct);
        if (onlySite is not null && validation.SiteKey is { Length: > 0 } forSite && forSite != onlySite)
        {
            throw new RecipeValidationException([new RecipeError("$.site",
                $"công thức này dành cho trang “{forSite}”; ở đây chỉ áp dụng được công thức của trang này (“{onlySite}”)")]);
        }
        if (!validation.IsValid)
        {
            throw new RecipeValidationException(validation.Errors);
        }
        var recipe = validation.Recipe!;
        var results = new List<RecipeStepResult>();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            var site = await db.Sites.FirstOrDefaultAsync(s => s.Key == recipe.SiteKey, ct);
            // Applied from one site's admin: the site whose admin it is, whatever the recipe names.
            var fromSite = onlySite is null ? null : await db.Sites.FirstOrDefaultAsync(s => s.Key == onlySite, ct);
            foreach (var step in recipe.Steps)
            {
                var counter = new Counter();
                switch (step)
                {
                    case SiteStep s:
                        site = await ApplySiteAsync(s.Site, site, counter, ct);
                        break;
                    case UnitsStep s:
                        await ApplyUnitsAsync(s, site!, counter, ct);
                        break;
                    case RolesStep s:
                        await ApplyRolesAsync(s, fromSite, counter, ct);
                        break;
                    case UsersStep s:
                        await ApplyUsersAsync(s, site!, counter, ct);
                        break;
                    case ContentTypesStep s:
                        await ApplyContentTypesAsync(s, site!, counter, ct);
                        break;
                    case TaxonomiesStep s:
                        await ApplyTaxonomiesAsync(s, site!, counter, ct);
                        break;
                    case PlanStep s:
                        await ApplyPlanAsync(s.Plan, site!, counter, ct);
                        break;
                    case MediaStep s:
                        await ApplyMediaAsync(s, site!, counter, ct);
                        break;
                    case ContentStep s:
                        await ApplyContentAsync(s, site!, counter, ct);
                        break;
                }
                await db.SaveChangesAsync(ct);
                results.Add(new RecipeStepResult(step.Path, step.Kind, counter.Created, counter.Updated, counter.Unchanged));
            }
            await tx.CommitAsync(ct);
            if (site is not null)
            {
                synonyms.Forget(site.Id);
            }
        }
        catch
        {
            await tx.RollbackAsync(CancellationToken.None);
            // The rolled-back rows must not linger as tracked entities in this scope.
            db.ChangeTracker.Clear();
            throw;
        }
        return new RecipeResult(recipe.Name, recipe.SiteKey, results);
    }

    private async Task<Site> ApplySiteAsync(SiteSpec spec, Site? site, Counter counter, CancellationToken ct)
    {
        if (site is null)
        {
            site = new Site { Key = spec.Key, Name = spec.Name, CreatedUtc = clock.GetUtcNow().UtcDateTime };
            db.Sites.Add(site);
        }
        site.Name = spec.Name;
        site.IssuingParent = spec.IssuingParent ?? site.IssuingParent;
        site.IssuingBody = spec.IssuingBody ?? site.IssuingBody;
        site.PlaceName = spec.PlaceName ?? site.PlaceName;
        site.Level = spec.Level ?? site.Level;
        site.RadioName = spec.RadioName ?? site.RadioName;
        site.Kind = spec.Kind ?? site.Kind;
        site.CityPageKey = spec.CityPage ?? site.CityPageKey;
        site.DocumentCode = spec.DocumentCode ?? site.DocumentCode;
        site.ReportRecipients = spec.ReportRecipients is { } recipients ? string.Join("\n", recipients) : site.ReportRecipients;
        site.HostNames = spec.HostNames ?? site.HostNames;
        site.Tagline = spec.Tagline ?? site.Tagline;
        site.ContactText = spec.ContactText ?? site.ContactText;
        site.ReadingRate = spec.ReadingRate ?? site.ReadingRate;
        site.HandbookReviewMonths = spec.HandbookReviewMonths ?? site.HandbookReviewMonths;
        site.RequireTwoStepRoles = spec.RequireTwoStepFor is { } twoStep ? string.Join(",", twoStep) : site.RequireTwoStepRoles;
        site.TimeZoneId = spec.TimeZoneId ?? site.TimeZoneId;
        counter.Count(db.Entry(site).State);
        // Later steps need the site's id.
        await db.SaveChangesAsync(ct);
        if (spec.SearchSynonyms is { } groups)
        {
            // The recipe's list is the site's list: entries it no longer has are removed.
            var existing = await db.Set<Search.SearchSynonym>().Where(x => x.SiteId == site.Id).OrderBy(x => x.Id).ToListAsync(ct);
            var same = existing.Count == groups.Count && existing.Zip(groups).All(p => p.First.Forms.SequenceEqual(p.Second));
            if (!same)
            {
                db.RemoveRange(existing);
                db.AddRange(groups.Select(g => new Search.SearchSynonym { SiteId = site.Id, Forms = [.. g] }));
            }
        }
        return site;
    }

    private async Task ApplyUnitsAsync(UnitsStep step, Site site, Counter counter, CancellationToken ct)
    {
        var existing = await db.Units.Where(u => u.SiteId == site.Id).ToDictionaryAsync(u => u.Key, ct);
        foreach (var spec in step.Units)
        {
            if (!existing.TryGetValue(spec.Key, out var unit))
            {
                unit = new Unit { SiteId = site.Id, Key = spec.Key, Name = spec.Name };
                db.Units.Add(unit);
            }
            unit.Name = spec.Name;
            unit.ShortName = spec.ShortName ?? unit.ShortName;
            unit.Order = spec.Order ?? unit.Order;
            counter.Count(db.Entry(unit).State);
        }
    }

    /// <summary>
    /// Roles are shared by every site of the deployment. A recipe applied from one site's admin
    /// (<paramref name="fromSite"/>, set for the settings page's import) may create roles and re-state its
    /// own, but not change the permissions or names of a role that accounts of another site hold, nor
    /// grant the city operators' permission: either would reach into other sites. The command line and the
    /// operators' "new site" are the deployment's own and may.
    /// </summary>
    private async Task ApplyRolesAsync(RolesStep step, Site? fromSite, Counter counter, CancellationToken ct)
    {
        foreach (var spec in step.Roles)
        {
            if (fromSite is not null && spec.Permissions.Contains(Permissions.OperateSites))
            {
                throw new RecipeValidationException([new($"{spec.Path}.permissions",
                    $"quyền {Permissions.OperateSites} (vận hành các trang của thành phố) không đặt được từ trang quản trị của một trang; đơn vị vận hành đặt bằng lệnh recipe apply")]);
            }
            var role = await roles.FindByNameAsync(spec.Name);
            var created = role is null;
            if (role is null)
            {
                role = new StaffRole(spec.Name) { DisplayName = spec.DisplayName ?? spec.Name, Description = spec.Description ?? "" };
                Check(await roles.CreateAsync(role), spec.Path);
            }
            // The role is tracked by this context: changes are saved with the step.
            role.DisplayName = spec.DisplayName ?? role.DisplayName;
            role.Description = spec.Description ?? role.Description;
            var changed = !created && db.Entry(role).State == EntityState.Modified;

            // The recipe's list is the whole set: permissions left out of it are taken away.
            var claims = await db.RoleClaims.Where(c => c.RoleId == role.Id && c.ClaimType == Permissions.ClaimType).ToListAsync(ct);
            var extra = claims.Where(c => !spec.Permissions.Contains(c.ClaimValue ?? "")).ToList();
            var missing = spec.Permissions.Where(p => !claims.Any(c => c.ClaimValue == p)).ToList();
            if (fromSite is not null && (changed || extra.Count > 0 || missing.Count > 0))
            {
                var elsewhere = await db.UserRoles.Where(r => r.RoleId == role.Id)
                    .Join(db.Users.IgnoreQueryFilters(), r => r.UserId, u => u.Id, (r, u) => u.SiteId).CountAsync(siteId => siteId != fromSite.Id, ct);
                if (elsewhere > 0)
                {
                    throw new RecipeValidationException([new(spec.Path,
                        $"vai trò \"{spec.Name}\" dùng chung với {elsewhere} tài khoản của trang khác nên không đổi được tên hay quyền từ trang này; đặt một tên vai trò khác cho trang này")]);
                }
            }
            db.RoleClaims.RemoveRange(extra);
            db.RoleClaims.AddRange(missing.Select(p => new IdentityRoleClaim<string> { RoleId = role.Id, ClaimType = Permissions.ClaimType, ClaimValue = p }));
            counter.Count(created, changed || extra.Count > 0 || missing.Count > 0);
        }
    }

    private async Task ApplyUsersAsync(UsersStep step, Site site, Counter counter, CancellationToken ct)
    {
        var units = await db.Units.Where(u => u.SiteId == site.Id).ToDictionaryAsync(u => u.Key, u => u.Id, ct);
        foreach (var spec in step.Users)
        {
            int? unitId = spec.Unit is null ? null : units[spec.Unit];
            var user = await users.FindByNameAsync(spec.UserName);
            var created = user is null;
            var changed = false;
            if (user is null)
            {
                user = new StaffUser
                {
                    UserName = spec.UserName,
                    Email = spec.Email,
                    FullName = spec.FullName ?? "",
                    SiteId = site.Id,
                    UnitId = unitId,
                    CreatedUtc = clock.GetUtcNow().UtcDateTime,
                };
                // Without a password the account exists but cannot sign in until an admin sets one.
                Check(spec.Password is null ? await users.CreateAsync(user) : await users.CreateAsync(user, spec.Password), spec.Path);
            }
            else
            {
                if (user.SiteId != site.Id)
                {
                    throw new RecipeValidationException([new($"{spec.Path}.userName", $"tài khoản \"{spec.UserName}\" đã thuộc một trang khác; dùng tên đăng nhập khác")]);
                }
                // A password is only set when the account is created: a re-run never resets one an admin changed.
                changed = (spec.FullName is not null && user.FullName != spec.FullName) || (spec.Email is not null && user.Email != spec.Email)
                    || (spec.Unit is not null && user.UnitId != unitId);
                if (changed)
                {
                    user.FullName = spec.FullName ?? user.FullName;
                    user.UnitId = spec.Unit is null ? user.UnitId : unitId;
                    if (spec.Email is not null && user.Email != spec.Email)
                    {
                        Check(await users.SetEmailAsync(user, spec.Email), spec.Path);
                    }
                    Check(await users.UpdateAsync(user), spec.Path);
                }
            }
            var current = await users.GetRolesAsync(user);
            var add = spec.Roles.Where(r => !current.Contains(r, StringComparer.OrdinalIgnoreCase)).ToList();
            var remove = current.Where(r => !spec.Roles.Contains(r, StringComparer.OrdinalIgnoreCase)).ToList();
            if (add.Count > 0)
            {
                Check(await users.AddToRolesAsync(user, add), spec.Path);
            }
            if (remove.Count > 0)
            {
                Check(await users.RemoveFromRolesAsync(user, remove), spec.Path);
            }
            counter.Count(created, changed || add.Count > 0 || remove.Count > 0);
        }
    }

    private async Task ApplyContentTypesAsync(ContentTypesStep step, Site site, Counter counter, CancellationToken ct)
    {
        var existing = await db.ContentTypes.Where(t => t.SiteId == site.Id).ToDictionaryAsync(t => t.Name, ct);
        foreach (var spec in step.Types)
        {
            if (!existing.TryGetValue(spec.Name, out var type))
            {
                type = new ContentTypeDefinition { SiteId = site.Id, Name = spec.Name, DisplayName = spec.DisplayName };
                db.ContentTypes.Add(type);
            }
            type.DisplayName = spec.DisplayName;
            type.Order = spec.Order;
            // Serialised the same way every time, so an unchanged declaration leaves the row untouched.
            type.Settings = spec.Settings;
            type.Parts = spec.Parts;
            counter.Count(db.Entry(type).State);
        }
    }

    private async Task ApplyTaxonomiesAsync(TaxonomiesStep step, Site site, Counter counter, CancellationToken ct)
    {
        foreach (var spec in step.Taxonomies)
        {
            var taxonomy = await db.Taxonomies.Include(t => t.Terms).FirstOrDefaultAsync(t => t.SiteId == site.Id && t.Key == spec.Key, ct);
            if (taxonomy is null)
            {
                taxonomy = new Taxonomy { SiteId = site.Id, Key = spec.Key, Name = spec.Name };
                db.Taxonomies.Add(taxonomy);
            }
            taxonomy.Name = spec.Name;
            counter.Count(db.Entry(taxonomy).State);
            foreach (var ts in spec.Terms)
            {
                var term = taxonomy.Terms.FirstOrDefault(t => t.Key == ts.Key);
                if (term is null)
                {
                    term = new Term { Key = ts.Key, Name = ts.Name, Slug = ts.Slug };
                    taxonomy.Terms.Add(term);
                }
                term.Name = ts.Name;
                term.Slug = ts.Slug;
                term.Description = ts.Description;
                term.Order = ts.Order;
                if (db.Entry(term).State is EntityState.Detached or EntityState.Added)
                {
                    counter.Created++;
                }
                else
                {
                    counter.Count(db.Entry(term).State);
                }
            }
        }
    }

    private async Task ApplyPlanAsync(PlanSpec spec, Site site, Counter counter, CancellationToken ct)
    {
        var units = await db.Units.Where(u => u.SiteId == site.Id).ToDictionaryAsync(u => u.Key, u => u.Id, ct);
        var plan = await db.Plans.Include(p => p.Tasks).FirstOrDefaultAsync(p => p.SiteId == site.Id && p.Key == spec.Key, ct);
        if (plan is null)
        {
            plan = new Plan { SiteId = site.Id, Key = spec.Key, Title = spec.Title };
            db.Plans.Add(plan);
        }
        plan.Number = spec.Number;
        plan.Title = spec.Title;
        plan.IssuingBody = spec.IssuingBody;
        plan.Year = spec.Year;
        plan.IssuedOn = spec.IssuedOn;
        plan.StartsOn = spec.StartsOn;
        plan.EndsOn = spec.EndsOn;
        plan.Signatory = spec.Signatory;
        plan.SignatoryTitle = spec.SignatoryTitle;
        counter.Count(db.Entry(plan).State);
        foreach (var ts in spec.Tasks)
        {
            var task = plan.Tasks.FirstOrDefault(t => t.Number == ts.Number);
            if (task is null)
            {
                task = new PlanTask { Number = ts.Number, Text = ts.Text };
                plan.Tasks.Add(task);
            }
            task.Text = ts.Text;
            task.ShortName = ts.ShortName;
            task.LeadUnitId = ts.LeadUnit is null ? null : units[ts.LeadUnit];
            task.CoordinatingUnits = ts.CoordinatingUnits;
            task.Deadline = ts.Deadline;
            task.RulesJson = ts.Rules.ToJsonString(ContentJson.Options);
            task.DueDatesJson = JsonSerializer.Serialize(ts.DueDates.Select(d => d.ToString("yyyy-MM-dd")), ContentJson.Options);
            // Progress (done, evidence) is recorded by people in the admin and is never reset by a recipe.
            if (db.Entry(task).State is EntityState.Detached or EntityState.Added)
            {
                counter.Created++;
            }
            else
            {
                counter.Count(db.Entry(task).State);
            }
        }
    }

    /// <summary>
    /// Puts each file in the site's library through the upload pipeline (inspected by content, images
    /// re-encoded without their metadata), once: a file whose content the library holds already is reused,
    /// so applying the recipe again adds nothing.
    /// </summary>
    private async Task ApplyMediaAsync(MediaStep step, Site site, Counter counter, CancellationToken ct)
    {
        var pipeline = services.GetService(typeof(Media.MediaPipeline)) as Media.MediaPipeline
            ?? throw new RecipeValidationException([new RecipeError(step.Path, "thư viện ảnh, tệp chưa được bật ở đây nên không nhập được tệp")]);
        var added = new Dictionary<string, string>(StringComparer.Ordinal); // sha → key, for the same file listed twice in the step
        foreach (var file in step.Files)
        {
            var bytes = await File.ReadAllBytesAsync(file.File, ct);
            var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
            var existing = added.GetValueOrDefault(sha)
                ?? await db.Set<Media.MediaAsset>().Where(a => a.SiteId == site.Id && !a.IsDeleted && a.Sha256 == sha).Select(a => a.OriginalKey).FirstOrDefaultAsync(ct);
            if (existing is not null)
            {
                _mediaKeys[file.Name] = existing;
                counter.Unchanged++;
                continue;
            }
            var result = await pipeline.ProcessAsync(new MemoryStream(bytes, writable: false), Path.GetFileName(file.File), ct);
            if (!result.Succeeded)
            {
                throw new RecipeValidationException([new RecipeError($"{file.Path}.file", result.Error!)]);
            }
            var asset = Media.MediaAsset.From(site.Id, result.Media!, null, clock.GetUtcNow().UtcDateTime);
            asset.Title = file.Title;
            asset.Folder = file.Folder;
            asset.RefreshSearchText();
            db.Set<Media.MediaAsset>().Add(asset);
            _mediaKeys[file.Name] = asset.OriginalKey;
            added[sha] = asset.OriginalKey;
            counter.Created++;
        }
    }

    /// <summary>A part's recipe data with each "media:{name}" replaced by that file's library key.</summary>
    private string WithMediaKeys(JsonElement value)
    {
        var json = value.GetRawText();
        foreach (var (name, key) in _mediaKeys)
        {
            json = json.Replace($"\"{RecipeValidator.MediaReference}{name}\"", $"\"{key}\"", StringComparison.Ordinal);
        }
        return json;
    }

    private async Task ApplyContentAsync(ContentStep step, Site site, Counter counter, CancellationToken ct)
    {
        var types = await db.ContentTypes.AsNoTracking().Where(t => t.SiteId == site.Id).ToDictionaryAsync(t => t.Name, ct);
        var units = await db.Units.AsNoTracking().Where(u => u.SiteId == site.Id).ToDictionaryAsync(u => u.Key, u => u.Id, ct);
        var terms = await db.Terms.AsNoTracking().Where(t => t.Taxonomy!.SiteId == site.Id)
            .Select(t => new { Taxonomy = t.Taxonomy!.Key, t.Key, t.Id }).ToListAsync(ct);
        var tasks = await db.PlanTasks.AsNoTracking().Where(t => t.Plan!.SiteId == site.Id)
            .Select(t => new { Plan = t.Plan!.Key, t.Plan.Year, t.PlanId, t.Number, t.Id }).ToListAsync(ct);
        // Same default as the validator: the plan of the latest year, ties to the last created.
        var defaultPlan = tasks.OrderBy(t => t.Year).ThenBy(t => t.PlanId).Select(t => t.Plan).LastOrDefault();

        foreach (var spec in step.Items)
        {
            var type = types[spec.Type];
            var draft = ContentDraft.Empty(type, parts);
            draft.Common = new CommonPart.Data
            {
                Title = spec.Title,
                Summary = spec.Summary,
                Body = spec.Body,
                AuthorName = spec.Author,
                UnitId = spec.Unit is null ? null : units[spec.Unit],
            };
            draft.Route = new RoutePart.Data { Slug = spec.Slug };
            foreach (var (name, value) in spec.Parts)
            {
                draft.Parts[name] = JsonSerializer.Deserialize(WithMediaKeys(value), parts.Get(name).DataType, ContentJson.Options)!;
            }
            // The recipe's shorthands: topic keys and plan task numbers, resolved to ids.
            var topicsPart = parts.Get<TopicsPart>();
            if (topicsPart.IsIn(type))
            {
                var taxonomy = TopicsPart.TaxonomyOf(topicsPart.SettingsIn(type));
                ((TopicsPart.Data)topicsPart.DataIn(draft)).TermIds = spec.Topics.Select(k => terms.First(t => t.Taxonomy == taxonomy && t.Key == k).Id).ToList();
            }
            var planTasksPart = parts.Get<PlanTasksPart>();
            if (planTasksPart.IsIn(type))
            {
                var plan = spec.Plan ?? defaultPlan;
                ((PlanTasksPart.Data)planTasksPart.DataIn(draft)).TaskIds = spec.Tasks.Select(n => tasks.First(t => t.Plan == plan && t.Number == n).Id).ToList();
            }

            var item = await db.ContentItems.FirstOrDefaultAsync(i => i.SiteId == site.Id && i.Slug == spec.Slug, ct)
                ?? await db.ContentItems.FirstOrDefaultAsync(i => i.SiteId == site.Id && i.PublishedSlug == spec.Slug, ct);
            if (item is null)
            {
                var created = await content.CreateAsync(site.Id, type, draft, RecipeActor, ct);
                ThrowIfInvalid(created, spec.Path);
                item = created.Item!;
                counter.Created++;
            }
            else if (item.IsDeleted)
            {
                // An editor put it in the trash: a re-run of the recipe respects that.
                counter.Unchanged++;
                continue;
            }
            else
            {
                var errors = await content.ValidateAsync(site.Id, type, draft, item.Id, ct);
                ThrowIfInvalid(errors.Count == 0 ? null : ContentSaveResult.Invalid(errors), spec.Path);
                var latest = await content.LoadLatestAsync(item, type, ct);
                if (SameContent(latest, draft, type))
                {
                    counter.Unchanged++;
                }
                else
                {
                    var saved = await content.SaveAsync(item.Id, draft, item.LatestVersionId!.Value, RecipeActor, "Cập nhật từ công thức (recipe)", ct);
                    ThrowIfInvalid(saved, spec.Path);
                    counter.Updated++;
                }
            }

            if (spec.Publish && item.PublishedVersionId != item.LatestVersionId)
            {
                if (item.PublishedVersionId is null && await TakenDownByAPersonAsync(item.Id, ct))
                {
                    // A leader took it off the public site: a re-run of the recipe does not put it back.
                    continue;
                }
                // First publication keeps the recipe's date (back-dated demo content); a later update goes live now.
                var at = item.FirstPublishedUtc is null ? spec.PublishedAt?.UtcDateTime : null;
                var from = item.Status;
                await content.PublishAsync(item.Id, RecipeActor, ct, at);
                await AuditAsync(item, WorkflowAction.Published, from, ct);
            }
            else if (!spec.Publish && item.PublishedVersionId is not null)
            {
                var from = item.Status;
                await content.UnpublishAsync(item.Id, RecipeActor, ct);
                await AuditAsync(item, WorkflowAction.Unpublished, from, ct);
            }
            if (spec.PublishedAt is { } when && item.FirstPublishedUtc is { } first && first != when.UtcDateTime)
            {
                // The recipe moved the date citizens see (e.g. a corrected demo date).
                item.FirstPublishedUtc = when.UtcDateTime;
            }
        }
    }

    /// <summary>Whether the item's last taking down was a person's decision (a leader's "Gỡ bài"), not a recipe's.</summary>
    private async Task<bool> TakenDownByAPersonAsync(int itemId, CancellationToken ct)
    {
        var last = await db.Set<AuditEntry>().AsNoTracking()
            .Where(a => a.ContentItemId == itemId && a.Action == WorkflowAction.Unpublished)
            .OrderByDescending(a => a.AtUtc).ThenByDescending(a => a.Id)
            .Select(a => new { a.UserId }).FirstOrDefaultAsync(ct);
        return last is { UserId: not null };
    }

    /// <summary>Publishing and taking down are audited by whoever decided them: here the recipe.</summary>
    private Task AuditAsync(ContentItem item, string action, string from, CancellationToken ct) =>
        editorial.AuditAsync(item, action, from, item.Status, RecipeActor.UserId, RecipeActor.Name, "Theo công thức (recipe)", ct);

    private bool SameContent(ContentDraft latest, ContentDraft wanted, ContentTypeDefinition type) =>
        latest.Common.Title == wanted.Common.Title
        && latest.Common.Summary == wanted.Common.Summary
        && latest.Common.Body == wanted.Common.Body
        && latest.Common.AuthorName == wanted.Common.AuthorName
        && latest.Common.UnitId == wanted.Common.UnitId
        && latest.Route.Slug == wanted.Route.Slug
        && JsonNode.DeepEquals(JsonNode.Parse(latest.SerializeParts(type, parts)), JsonNode.Parse(wanted.SerializeParts(type, parts)));

    private static void ThrowIfInvalid(ContentSaveResult? result, string path)
    {
        if (result is null || result.Succeeded)
        {
            return;
        }
        if (result.Conflict is { } c)
        {
            throw new RecipeValidationException([new(path, $"có người đã lưu mục này trong lúc áp dụng công thức (phiên bản {c.LatestNumber} do {c.SavedBy} lưu); hãy áp dụng lại")]);
        }
        throw new RecipeValidationException(result.Errors.Select(e => new RecipeError($"{path}.{FieldPath(e.Field)}", e.Message)).ToList());
    }

    /// <summary>"Parts.handbook.Chapter" → "parts.handbook.chapter"; "Title" → "title".</summary>
    private static string FieldPath(string field) =>
        string.Join('.', field.Split('.').Select((s, i) => s.Length == 0 ? s : char.ToLowerInvariant(s[0]) + s[1..]));

    private static void Check(IdentityResult result, string path)
    {
        if (!result.Succeeded)
        {
            // Identity's messages come from VietnameseIdentityErrorDescriber; a password problem points at the password.
            throw new RecipeValidationException(result.Errors
                .Select(e => new RecipeError(e.Code.StartsWith("Password", StringComparison.Ordinal) ? $"{path}.password" : path, e.Description)).ToList());
        }
    }

    private sealed class Counter
    {
        public int Created { get; set; }
        public int Updated { get; set; }
        public int Unchanged { get; set; }

        public void Count(bool created, bool changed)
        {
            if (created)
            {
                Created++;
            }
            else if (changed)
            {
                Updated++;
            }
            else
            {
                Unchanged++;
            }
        }

        public void Count(EntityState state)
        {
            switch (state)
            {
                case EntityState.Added:
                    Created++;
                    break;
                case EntityState.Modified:
                    Updated++;
                    break;
                default:
                    Unchanged++;
                    break;
            }
        }
    }
}
