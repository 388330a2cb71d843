using System.Text.Json;
using System.Text.Json.Nodes;
using WardCms.Core.Content;

namespace WardCms.Core.Recipes;

/// <summary>A recipe after validation: every value checked, every reference known to exist.</summary>
public sealed record Recipe(string Name, string Description, string SiteKey, IReadOnlyList<RecipeStep> Steps);

/// <summary>One step; <see cref="Path"/> ("$.steps[2]") lets apply-time errors point back into the file.</summary>
public abstract record RecipeStep(string Path)
{
    public abstract string Kind { get; }
}

/// <summary>The step names the engine knows, in the order a full site recipe usually lists them.</summary>
public static class RecipeStepNames
{
    public const string Site = "site";
    public const string Units = "units";
    public const string Roles = "roles";
    public const string Users = "users";
    public const string ContentTypes = "contentTypes";
    public const string Taxonomies = "taxonomies";
    public const string Plan = "plan";
    public const string Media = "media";
    public const string Content = "content";

    public static readonly IReadOnlyList<string> All = [Site, Units, Roles, Users, ContentTypes, Taxonomies, Plan, Media, Content];
}

// Optional values are null when the recipe leaves them out: a new record gets the default,
// an existing one keeps what it has (an admin's later edit survives a re-run).
public sealed record SiteSpec(
    string Key, string Name, string? IssuingParent, string? IssuingBody, string? PlaceName, string? HostNames,
    string? Tagline, string? ContactText, int? ReadingRate, int? HandbookReviewMonths, string? TimeZoneId,
    IReadOnlyList<IReadOnlyList<string>>? SearchSynonyms = null, IReadOnlyList<string>? RequireTwoStepFor = null,
    string? Level = null, string? RadioName = null, IReadOnlyList<string>? ReportRecipients = null,
    string? Kind = null, string? CityPage = null, string? DocumentCode = null);

public sealed record SiteStep(string Path, SiteSpec Site) : RecipeStep(Path)
{
    public override string Kind => RecipeStepNames.Site;
}

public sealed record UnitSpec(string Path, string Key, string Name, string? ShortName, int? Order);

public sealed record UnitsStep(string Path, IReadOnlyList<UnitSpec> Units) : RecipeStep(Path)
{
    public override string Kind => RecipeStepNames.Units;
}

public sealed record RoleSpec(string Path, string Name, string? DisplayName, string? Description, IReadOnlyList<string> Permissions);

public sealed record RolesStep(string Path, IReadOnlyList<RoleSpec> Roles) : RecipeStep(Path)
{
    public override string Kind => RecipeStepNames.Roles;
}

public sealed record UserSpec(string Path, string UserName, string? FullName, string? Email, string? Unit, IReadOnlyList<string> Roles, string? Password);

public sealed record UsersStep(string Path, IReadOnlyList<UserSpec> Users) : RecipeStep(Path)
{
    public override string Kind => RecipeStepNames.Users;
}

public sealed record ContentTypeSpec(string Path, string Name, string DisplayName, int Order, ContentTypeSettings Settings, IReadOnlyList<ContentTypePart> Parts);

public sealed record ContentTypesStep(string Path, IReadOnlyList<ContentTypeSpec> Types) : RecipeStep(Path)
{
    public override string Kind => RecipeStepNames.ContentTypes;
}

public sealed record TermSpec(string Path, string Key, string Name, string Slug, string Description, int Order);

public sealed record TaxonomySpec(string Path, string Key, string Name, IReadOnlyList<TermSpec> Terms);

public sealed record TaxonomiesStep(string Path, IReadOnlyList<TaxonomySpec> Taxonomies) : RecipeStep(Path)
{
    public override string Kind => RecipeStepNames.Taxonomies;
}

public sealed record PlanTaskSpec(
    string Path, int Number, string Text, string ShortName, string? LeadUnit, string CoordinatingUnits, string Deadline,
    IReadOnlyList<DateOnly> DueDates, JsonArray Rules);

public sealed record PlanSpec(
    string Path, string Key, string Number, string Title, string IssuingBody, int Year, DateOnly? IssuedOn, DateOnly StartsOn, DateOnly EndsOn,
    string Signatory, string SignatoryTitle, IReadOnlyList<PlanTaskSpec> Tasks);

public sealed record PlanStep(string Path, PlanSpec Plan) : RecipeStep(Path)
{
    public override string Kind => RecipeStepNames.Plan;
}

public sealed record ContentSpec(
    string Path, string Type, string Slug, string Title, string Summary, string Body, string Author, string? Unit,
    IReadOnlyList<string> Topics, string? Plan, IReadOnlyList<int> Tasks, IReadOnlyDictionary<string, JsonElement> Parts,
    DateTimeOffset? PublishedAt, bool Publish);

public sealed record ContentStep(string Path, IReadOnlyList<ContentSpec> Items) : RecipeStep(Path)
{
    public override string Kind => RecipeStepNames.Content;
}

/// <summary>A file put in the site's media library (through the upload pipeline: checked by content), referred to by content as "media:{Name}".</summary>
public sealed record MediaFileSpec(string Path, string Name, string File, string Title, string Folder);

public sealed record MediaStep(string Path, IReadOnlyList<MediaFileSpec> Files) : RecipeStep(Path)
{
    public override string Kind => RecipeStepNames.Media;
}

/// <summary>The vocabulary of quota rules (stored in PlanTask.RulesJson, read by the quota engine).</summary>
public static class PlanRuleVocabulary
{
    public static readonly IReadOnlyList<string> Metrics = ["count", "airTimeMinutes"];
    public static readonly IReadOnlyList<string> Periods = ["week", "month", "quarter", "halfYear", "year"];
    public static readonly IReadOnlyList<string> Events = ["publishedOnPortal", "airedOnRadio", "postedToCityPage"];
    public static readonly IReadOnlyList<string> Filters = ["contentTypes", "channels", "topics", "units", "tasks"];
}

/// <summary>What applying did, per step: for the command line and the tests.</summary>
public sealed record RecipeResult(string Name, string SiteKey, IReadOnlyList<RecipeStepResult> Steps)
{
    public int Created => Steps.Sum(s => s.Created);
    public int Updated => Steps.Sum(s => s.Updated);
    public int Unchanged => Steps.Sum(s => s.Unchanged);

    public override string ToString() =>
        $"{Name} → {SiteKey}: {Created} created, {Updated} updated, {Unchanged} unchanged"
        + string.Concat(Steps.Select(s => $"\n  {s.Path} {s.Step}: {s.Created} created, {s.Updated} updated, {s.Unchanged} unchanged"));
}

public sealed record RecipeStepResult(string Path, string Step, int Created, int Updated, int Unchanged);
