using System.Globalization;
using Microsoft.EntityFrameworkCore;
using WardCms.Core.Content;
using WardCms.Core.Data;
using WardCms.Core.Planning;

namespace WardCms.Core.Radio;

/// <summary>
/// The as-run log as counting events: every airing that has not been corrected counts once for
/// "aired on the ward radio" rules, with its duration for air-time rules.
/// </summary>
public sealed class RadioAiringSource(WardDbContext db) : ICountingEventSource
{
    public async Task<IReadOnlyList<CountingEvent>> LoadAsync(int siteId, DateTime fromUtc, DateTime toUtc, CancellationToken ct)
    {
        var records = await db.Set<AirRecord>().AsNoTracking()
            .Where(r => r.SiteId == siteId && r.SupersededById == null && r.AiredUtc >= fromUtc && r.AiredUtc < toUtc)
            .OrderBy(r => r.AiredUtc)
            .Select(r => new { r.Id, r.ContentItemId, r.AiredUtc, r.DurationSeconds })
            .ToListAsync(ct);
        if (records.Count == 0)
        {
            return [];
        }
        var itemIds = records.Select(r => r.ContentItemId).Distinct().ToList();
        var items = await db.ContentItems.AsNoTracking().Where(i => itemIds.Contains(i.Id))
            .Select(i => new { i.Id, i.ContentType, i.Title, i.UnitId, i.PublishedVersionId })
            .ToDictionaryAsync(i => i.Id, ct);
        var unitIds = items.Values.Where(i => i.UnitId != null).Select(i => i.UnitId!.Value).Distinct().ToList();
        var units = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Key, ct);
        // Published rows when the item is public, else the latest version's tags (an approved script airs before publishing).
        var terms = await (from t in db.ContentItemTerms.AsNoTracking()
                           join term in db.Terms.AsNoTracking() on t.TermId equals term.Id
                           where itemIds.Contains(t.ContentItemId)
                           select new { t.ContentItemId, t.Published, term.Key }).ToListAsync(ct);
        var tasks = await db.ContentItemPlanTasks.AsNoTracking().Where(t => itemIds.Contains(t.ContentItemId))
            .Select(t => new { t.ContentItemId, t.Published, t.PlanTaskId }).ToListAsync(ct);

        var events = new List<CountingEvent>(records.Count);
        foreach (var r in records)
        {
            if (!items.TryGetValue(r.ContentItemId, out var item))
            {
                continue;
            }
            var published = item.PublishedVersionId != null;
            events.Add(new CountingEvent
            {
                ContentItemId = r.ContentItemId.ToString(CultureInfo.InvariantCulture),
                OccurredAt = new DateTimeOffset(DateTime.SpecifyKind(r.AiredUtc, DateTimeKind.Utc)),
                Kind = CountingEventKind.AiredOnRadio,
                ContentType = item.ContentType,
                Channel = "radio",
                Topics = terms.Where(t => t.ContentItemId == item.Id && t.Published == published).Select(t => t.Key).Distinct().ToList(),
                UnitKey = item.UnitId is { } u ? units.GetValueOrDefault(u) : null,
                PlanTaskIds = tasks.Where(t => t.ContentItemId == item.Id && t.Published == published)
                    .Select(t => t.PlanTaskId.ToString(CultureInfo.InvariantCulture)).Distinct().ToList(),
                Duration = TimeSpan.FromSeconds(r.DurationSeconds),
                Title = item.Title,
            });
        }
        return events;
    }
}

public sealed record AiringInput(DateTime AiredUtc, int DurationSeconds, string AnnouncerName, string Note);

/// <summary>Writes the as-run log. Records are never edited: a correction supersedes.</summary>
public sealed class AsRunLog(WardDbContext db, TimeProvider clock)
{
    /// <summary>How far ahead of the server's clock an airing may be recorded (a slow wall clock in the studio).</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>Why an airing cannot be recorded, or null. The log says what went on air, so nothing in the future counts.</summary>
    public string? Check(AiringInput input)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (input.AiredUtc > now + ClockSkew)
        {
            var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(input.AiredUtc, DateTimeKind.Utc), PublishedContent.Ict);
            return $"Thời điểm phát {local:HH:mm} ngày {local:dd/MM/yyyy} còn ở phía trước; chỉ ghi nhật ký sau khi đã phát.";
        }
        return null;
    }

    public async Task<AirRecord> RecordAsync(int siteId, int contentItemId, int? bulletinId, AiringInput input, Actor actor, CancellationToken ct = default)
    {
        Guard(input);
        var record = New(siteId, contentItemId, bulletinId, input, actor);
        db.Add(record);
        await db.SaveChangesAsync(ct);
        return record;
    }

    /// <summary>
    /// Marks every script of a bulletin as aired, one after another from the given start; the
    /// bulletin's actual length is shared in proportion to the estimates.
    /// </summary>
    public async Task<IReadOnlyList<AirRecord>> RecordBulletinAsync(int siteId, BulletinSheet sheet, AiringInput input, Actor actor, CancellationToken ct = default)
    {
        Guard(input);
        var records = new List<AirRecord>();
        var estimated = sheet.Items.Sum(i => i.Estimate.TotalSeconds);
        var offset = 0;
        for (var n = 0; n < sheet.Items.Count; n++)
        {
            var item = sheet.Items[n];
            var share = n == sheet.Items.Count - 1
                ? input.DurationSeconds - offset
                : (int)Math.Round(estimated > 0 ? input.DurationSeconds * item.Estimate.TotalSeconds / estimated : input.DurationSeconds / (double)sheet.Items.Count);
            share = Math.Max(0, Math.Min(share, input.DurationSeconds - offset));
            records.Add(New(siteId, item.Script.Id, sheet.Bulletin.Id,
                input with { AiredUtc = input.AiredUtc.AddSeconds(offset), DurationSeconds = share }, actor));
            offset += share;
        }
        db.AddRange(records);
        var bulletin = await db.Set<Bulletin>().FirstAsync(b => b.Id == sheet.Bulletin.Id && b.SiteId == siteId, ct);
        bulletin.Status = BulletinStatus.Aired;
        bulletin.UpdatedUtc = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return records;
    }

    public async Task<AirRecord?> CorrectAsync(int siteId, int recordId, AiringInput input, Actor actor, CancellationToken ct = default)
    {
        Guard(input);
        var old = await db.Set<AirRecord>().FirstOrDefaultAsync(r => r.Id == recordId && r.SiteId == siteId, ct);
        if (old is null || old.SupersededById != null)
        {
            return null;
        }
        var record = New(siteId, old.ContentItemId, old.BulletinId, input, actor);
        db.Add(record);
        await db.SaveChangesAsync(ct);
        old.SupersededById = record.Id;
        await db.SaveChangesAsync(ct);
        return record;
    }

    private void Guard(AiringInput input)
    {
        if (Check(input) is { } refused)
        {
            throw new ArgumentException(refused, nameof(input));
        }
    }

    private AirRecord New(int siteId, int contentItemId, int? bulletinId, AiringInput input, Actor actor) => new()
    {
        SiteId = siteId,
        ContentItemId = contentItemId,
        BulletinId = bulletinId,
        AiredUtc = DateTime.SpecifyKind(input.AiredUtc, DateTimeKind.Utc),
        DurationSeconds = input.DurationSeconds,
        AnnouncerName = Language.Vietnamese.Nfc(input.AnnouncerName).Trim(),
        Note = Language.Vietnamese.Nfc(input.Note).Trim(),
        RecordedById = actor.UserId,
        RecordedByName = actor.Name,
        RecordedUtc = clock.GetUtcNow().UtcDateTime,
    };
}
