using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WardCms.Core.Content;
using WardCms.Core.Data;
using WardCms.Core.Media;
using WardCms.Core.Sites;

namespace WardCms.Core.Planning;

/// <summary>
/// A file proving a milestone task was done (the signed plan, the training attendance list, the
/// contest's decision…). The bytes live in the media store under a content key; only staff
/// reach them, through the dashboard's download page, never through the public /media URLs.
/// </summary>
public sealed class MilestoneEvidenceFile
{
    public int Id { get; set; }
    public int SiteId { get; set; }
    public int PlanTaskId { get; set; }
    /// <summary>The uploader's file name, cleaned for display; never used as a path.</summary>
    public required string FileName { get; set; }
    public required string MediaType { get; set; }
    public required string StoreKey { get; set; }
    public long Length { get; set; }
    public string? UploadedById { get; set; }
    public string UploadedByName { get; set; } = "";
    public DateTime UploadedUtc { get; set; }
    /// <summary>Set when someone took the file off the task; the row and bytes stay, so it can be put back.</summary>
    public DateTime? RemovedUtc { get; set; }
    public string? RemovedById { get; set; }
    public string RemovedByName { get; set; } = "";
}

public sealed class MilestoneEvidenceFileConfiguration : IEntityTypeConfiguration<MilestoneEvidenceFile>
{
    public void Configure(EntityTypeBuilder<MilestoneEvidenceFile> e)
    {
        e.HasOne<Site>().WithMany().HasForeignKey(x => x.SiteId);
        e.HasOne<PlanTask>().WithMany().HasForeignKey(x => x.PlanTaskId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => new { x.PlanTaskId, x.UploadedUtc });
        e.Property(x => x.FileName).HasMaxLength(200);
        e.Property(x => x.MediaType).HasMaxLength(100);
        e.Property(x => x.StoreKey).HasMaxLength(200);
        e.Property(x => x.UploadedByName).HasMaxLength(200);
        e.Property(x => x.RemovedByName).HasMaxLength(200);
    }
}

public sealed record EvidenceFileInfo(int Id, string FileName, long Length, DateTime UploadedUtc, string UploadedByName);

public sealed record EvidenceUploadResult(MilestoneEvidenceFile? File, string? Error)
{
    public bool Succeeded => File is not null;
}

public sealed record EvidenceDownload(Stream Content, string MediaType, string FileName);

/// <summary>Attach, list and open milestone evidence files; uploads go through the media pipeline's content checks.</summary>
public sealed class MilestoneEvidenceFiles(WardDbContext db, MediaPipeline pipeline, IMediaStore store, TimeProvider clock)
{
    public async Task<EvidenceUploadResult> AddAsync(int siteId, int taskId, Stream content, string fileName, Actor actor, CancellationToken ct = default)
    {
        var task = await db.PlanTasks.AsNoTracking().Where(t => t.Id == taskId && t.Plan!.SiteId == siteId)
            .Select(t => new { t.Number, t.RulesJson }).FirstOrDefaultAsync(ct);
        if (task is null)
            return new(null, "Không tìm thấy nhiệm vụ cần ghi minh chứng.");
        if (PlanRuleJson.Parse(task.RulesJson, task.Number).Count > 0)
            return new(null, $"Nhiệm vụ {task.Number} được tính theo chỉ tiêu, không phải nhiệm vụ theo mốc; không đính kèm tệp minh chứng.");

        // The pipeline decides from the bytes (PDF, DOCX, XLSX, JPEG, PNG, WebP, GIF), strips image
        // metadata and writes nothing when it refuses.
        var result = await pipeline.ProcessAsync(content, fileName, ct);
        if (!result.Succeeded)
            return new(null, $"Tệp minh chứng không được nhận: {result.Error} Chỉ nhận PDF, Word (.docx), Excel (.xlsx) hoặc ảnh (JPEG, PNG, WebP, GIF).");
        var media = result.Media!;
        var original = media.Original;
        var file = new MilestoneEvidenceFile
        {
            SiteId = siteId,
            PlanTaskId = taskId,
            FileName = DownloadName(media.FileName, MediaTypes.ExtensionOf(original.MediaType)),
            MediaType = original.MediaType,
            StoreKey = original.Key,
            Length = original.Length,
            UploadedById = actor.UserId,
            UploadedByName = actor.Name,
            UploadedUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.Add(file);
        await db.SaveChangesAsync(ct);
        return new(file, null);
    }

    /// <summary>
    /// Takes a file off its task (a wrong upload): it leaves the dashboard and the reports at once,
    /// but nothing is deleted, and <see cref="RestoreAsync"/> puts it back. Null if not this site's.
    /// </summary>
    public async Task<MilestoneEvidenceFile?> RemoveAsync(int siteId, int id, Actor actor, CancellationToken ct = default)
    {
        var file = await db.Set<MilestoneEvidenceFile>().FirstOrDefaultAsync(f => f.Id == id && f.SiteId == siteId, ct);
        if (file is null || file.RemovedUtc is not null)
            return file;
        file.RemovedUtc = clock.GetUtcNow().UtcDateTime;
        file.RemovedById = actor.UserId;
        file.RemovedByName = actor.Name;
        await db.SaveChangesAsync(ct);
        return file;
    }

    public async Task<MilestoneEvidenceFile?> RestoreAsync(int siteId, int id, CancellationToken ct = default)
    {
        var file = await db.Set<MilestoneEvidenceFile>().FirstOrDefaultAsync(f => f.Id == id && f.SiteId == siteId, ct);
        if (file is null || file.RemovedUtc is null)
            return file;
        file.RemovedUtc = null;
        file.RemovedById = null;
        file.RemovedByName = "";
        await db.SaveChangesAsync(ct);
        return file;
    }

    /// <summary>Null when the file is not this site's, was taken off its task, or its bytes are gone.</summary>
    public async Task<EvidenceDownload?> OpenAsync(int siteId, int id, CancellationToken ct = default)
    {
        var file = await db.Set<MilestoneEvidenceFile>().AsNoTracking().FirstOrDefaultAsync(f => f.Id == id && f.SiteId == siteId && f.RemovedUtc == null, ct);
        if (file is null)
            return null;
        var stream = await store.OpenReadAsync(file.StoreKey, ct);
        return stream is null ? null : new EvidenceDownload(stream, file.MediaType, file.FileName);
    }

    // The name people gave the file, with the extension of what was actually stored
    // (a re-encoded image may change format; "bien-ban" without an extension gets one).
    private static string DownloadName(string name, string extension)
    {
        var stem = Path.GetExtension(name).Length > 0 ? name[..^Path.GetExtension(name).Length] : name;
        stem = stem.Trim().TrimEnd('.');
        if (stem.Length == 0)
            stem = "minh-chung";
        if (stem.Length > 150)
            stem = stem[..150];
        return $"{stem}.{extension}";
    }
}
