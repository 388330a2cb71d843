using System.Linq.Expressions;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using WardCms.Core.Content;
using WardCms.Core.Planning;
using WardCms.Core.Security;
using WardCms.Core.Sites;

namespace WardCms.Core.Data;

/// <summary>
/// The one model. Each provider has its own subclass so each keeps its own migrations;
/// features add entities through IEntityTypeConfiguration classes in this assembly.
/// </summary>
public abstract class WardDbContext(DbContextOptions options) : IdentityDbContext<StaffUser, StaffRole, string>(options), IDataProtectionKeyContext
{
    /// <summary>
    /// ASP.NET Core Data Protection's key ring (sign-in cookies, antiforgery, signed print links): in
    /// the database, so a new container or a restored backup keeps every session and form working.
    /// </summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Site> Sites => Set<Site>();
    public DbSet<Unit> Units => Set<Unit>();
    public DbSet<ContentTypeDefinition> ContentTypes => Set<ContentTypeDefinition>();
    public DbSet<ContentItem> ContentItems => Set<ContentItem>();
    public DbSet<ContentVersion> ContentVersions => Set<ContentVersion>();
    public DbSet<Taxonomy> Taxonomies => Set<Taxonomy>();
    public DbSet<Term> Terms => Set<Term>();
    public DbSet<ContentItemTerm> ContentItemTerms => Set<ContentItemTerm>();
    public DbSet<ContentItemPlanTask> ContentItemPlanTasks => Set<ContentItemPlanTask>();
    public DbSet<Plan> Plans => Set<Plan>();
    public DbSet<PlanTask> PlanTasks => Set<PlanTask>();

    public abstract DatabaseProvider Provider { get; }

    /// <summary>The property that makes a row belong to one site; every entity that has it is filtered by it.</summary>
    public const string SiteKey = "SiteId";

    private Sites.SiteScope? _siteScope;

    /// <summary>
    /// The site this context's queries are confined to (null: every site). Read by the global query
    /// filter on every query, so a pooled context serves whichever scope rented it last.
    /// </summary>
    public int? ConfinedSiteId => _siteScope?.SiteId;

    /// <summary>Called when the context is handed to a DI scope (DataServiceCollectionExtensions).</summary>
    internal void UseSiteScope(Sites.SiteScope? scope) => _siteScope = scope;

    // A pooled context goes back to the pool through Dispose: it must not carry the last scope's site.
    public override void Dispose()
    {
        _siteScope = null;
        base.Dispose();
    }

    public override ValueTask DisposeAsync()
    {
        _siteScope = null;
        return base.DisposeAsync();
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Everything is stored in UTC; SQLite hands DateTimes back as Unspecified, so say so on read.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<NullableUtcConverter>();
    }

    protected override void OnModelCreating(ModelBuilder b)
    {
        base.OnModelCreating(b);

        b.Entity<Site>(e =>
        {
            e.HasIndex(x => x.Key).IsUnique();
            e.Property(x => x.Key).HasMaxLength(64);
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.Level).HasMaxLength(SiteLimits.LevelLength);
            e.Property(x => x.RadioName).HasMaxLength(SiteLimits.RadioNameLength);
            e.Property(x => x.DocumentCode).HasMaxLength(SiteLimits.DocumentCodeLength);
            e.Property(x => x.Kind).HasMaxLength(32);
            e.Property(x => x.CityPageKey).HasMaxLength(64);
            e.Property(x => x.State).HasMaxLength(16);
            e.Property(x => x.StateNote).HasMaxLength(500);
        });
        b.Entity<Unit>(e =>
        {
            e.HasIndex(x => new { x.SiteId, x.Key }).IsUnique();
            e.HasOne<Site>().WithMany().HasForeignKey(x => x.SiteId);
            e.Property(x => x.Key).HasMaxLength(64);
            e.Property(x => x.Name).HasMaxLength(200);
        });
        b.Entity<StaffUser>(e =>
        {
            e.HasOne<Site>().WithMany().HasForeignKey(x => x.SiteId);
            e.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.SetNull);
            e.Property(x => x.FullName).HasMaxLength(200);
        });
        b.Entity<StaffRole>(e =>
        {
            e.Property(x => x.DisplayName).HasMaxLength(200);
        });
        b.Entity<ContentTypeDefinition>(e =>
        {
            e.HasIndex(x => new { x.SiteId, x.Name }).IsUnique();
            e.HasOne<Site>().WithMany().HasForeignKey(x => x.SiteId);
            e.Property(x => x.Name).HasMaxLength(64);
            e.Property(x => x.DisplayName).HasMaxLength(200);
            e.Ignore(x => x.Settings);
            e.Ignore(x => x.Parts);
        });
        b.Entity<ContentItem>(e =>
        {
            e.HasOne<Site>().WithMany().HasForeignKey(x => x.SiteId);
            e.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.SetNull);
            e.HasIndex(x => new { x.SiteId, x.Slug }).IsUnique();
            e.HasIndex(x => new { x.SiteId, x.PublishedSlug }).IsUnique();
            e.HasIndex(x => new { x.SiteId, x.ContentType, x.IsDeleted, x.UpdatedUtc });
            e.HasIndex(x => new { x.SiteId, x.ContentType, x.PublishedVersionId, x.FirstPublishedUtc });
            e.Property(x => x.ContentType).HasMaxLength(64);
            e.Property(x => x.Status).HasMaxLength(32);
            e.Property(x => x.Title).HasMaxLength(300);
            e.Property(x => x.Slug).HasMaxLength(200);
            e.Property(x => x.PublishedSlug).HasMaxLength(200);
            e.Property(x => x.ConcurrencyStamp).IsConcurrencyToken();
            e.HasMany(x => x.Versions).WithOne(v => v.ContentItem).HasForeignKey(v => v.ContentItemId);
        });
        b.Entity<ContentVersion>(e =>
        {
            e.HasIndex(x => new { x.ContentItemId, x.Number }).IsUnique();
            e.Property(x => x.Title).HasMaxLength(300);
            e.Property(x => x.Slug).HasMaxLength(200);
        });
        b.Entity<Taxonomy>(e =>
        {
            e.HasIndex(x => new { x.SiteId, x.Key }).IsUnique();
            e.HasOne<Site>().WithMany().HasForeignKey(x => x.SiteId);
            e.HasMany(x => x.Terms).WithOne(t => t.Taxonomy).HasForeignKey(t => t.TaxonomyId);
        });
        b.Entity<Term>(e =>
        {
            e.HasIndex(x => new { x.TaxonomyId, x.Key }).IsUnique();
            e.HasIndex(x => new { x.TaxonomyId, x.Slug }).IsUnique();
        });
        b.Entity<ContentItemTerm>(e =>
        {
            e.HasKey(x => new { x.ContentItemId, x.TermId, x.Published });
            e.HasOne<ContentItem>().WithMany().HasForeignKey(x => x.ContentItemId);
            e.HasOne<Term>().WithMany().HasForeignKey(x => x.TermId);
            e.HasIndex(x => new { x.TermId, x.Published });
        });
        b.Entity<Plan>(e =>
        {
            e.HasIndex(x => new { x.SiteId, x.Key }).IsUnique();
            e.HasOne<Site>().WithMany().HasForeignKey(x => x.SiteId);
            e.HasMany(x => x.Tasks).WithOne(t => t.Plan).HasForeignKey(t => t.PlanId);
        });
        b.Entity<PlanTask>(e =>
        {
            e.HasIndex(x => new { x.PlanId, x.Number }).IsUnique();
            e.HasOne<Unit>().WithMany().HasForeignKey(x => x.LeadUnitId).OnDelete(DeleteBehavior.SetNull);
        });
        b.Entity<ContentItemPlanTask>(e =>
        {
            e.HasKey(x => new { x.ContentItemId, x.PlanTaskId, x.Published });
            e.HasOne<ContentItem>().WithMany().HasForeignKey(x => x.ContentItemId);
            e.HasOne<PlanTask>().WithMany().HasForeignKey(x => x.PlanTaskId);
            e.HasIndex(x => new { x.PlanTaskId, x.Published });
        });

        b.ApplyConfigurationsFromAssembly(typeof(WardDbContext).Assembly);
        ConfineToSite(b);
    }

    /// <summary>
    /// Site isolation by construction: every entity with a <see cref="SiteKey"/> gets the global query
    /// filter <c>ConfinedSiteId == null || SiteId == ConfinedSiteId</c>, and the entities that belong to a
    /// site through a required parent (an item's versions, a taxonomy's terms, a plan's tasks, a media
    /// asset's files) get the
    /// same filter through that parent. EF Core evaluates <see cref="ConfinedSiteId"/> per query and
    /// compiles the SQL once per null-ness of it, so an unconfined query carries no site condition.
    /// A test fails when an entity with a site key has no filter.
    /// </summary>
    private void ConfineToSite(ModelBuilder b)
    {
        var confined = Expression.Property(Expression.Constant(this), nameof(ConfinedSiteId));
        var unconfined = Expression.Equal(confined, Expression.Constant(null, typeof(int?)));
        foreach (var entity in b.Model.GetEntityTypes().Where(e => e.FindProperty(SiteKey)?.ClrType == typeof(int) && e.BaseType is null))
        {
            var row = Expression.Parameter(entity.ClrType, "row");
            var siteId = Expression.Call(typeof(EF), nameof(EF.Property), [typeof(int)], row, Expression.Constant(SiteKey));
            var filter = Expression.OrElse(unconfined, Expression.Equal(Expression.Convert(siteId, typeof(int?)), confined));
            b.Entity(entity.ClrType).HasQueryFilter(Expression.Lambda(filter, row));
        }
        b.Entity<ContentVersion>().HasQueryFilter(v => ConfinedSiteId == null || v.ContentItem!.SiteId == ConfinedSiteId);
        b.Entity<Term>().HasQueryFilter(t => ConfinedSiteId == null || t.Taxonomy!.SiteId == ConfinedSiteId);
        b.Entity<PlanTask>().HasQueryFilter(t => ConfinedSiteId == null || t.Plan!.SiteId == ConfinedSiteId);
        b.Entity<Media.MediaAssetFile>().HasQueryFilter(f => ConfinedSiteId == null || f.Asset!.SiteId == ConfinedSiteId);
        // A submission to the City CCHC page belongs to the city page (SiteId) and to the unit that sent
        // it (FromSiteId): each sees it, no third site does. Replaces the site-key filter given above.
        b.Entity<CityPage.CityPageSubmission>().HasQueryFilter(s => ConfinedSiteId == null || s.SiteId == ConfinedSiteId || s.FromSiteId == ConfinedSiteId);
    }

    private sealed class UtcConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

    private sealed class NullableUtcConverter() : ValueConverter<DateTime?, DateTime?>(
        v => v == null ? v : v.Value.Kind == DateTimeKind.Utc ? v : v.Value.ToUniversalTime(),
        v => v == null ? v : DateTime.SpecifyKind(v.Value, DateTimeKind.Utc));
}

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

public sealed class SqliteWardDbContext(DbContextOptions<SqliteWardDbContext> options) : WardDbContext(options)
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class PostgresWardDbContext(DbContextOptions<PostgresWardDbContext> options) : WardDbContext(options)
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
