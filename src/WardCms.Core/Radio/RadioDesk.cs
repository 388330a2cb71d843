using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using WardCms.Core.Content;
using WardCms.Core.Content.Parts;
using WardCms.Core.Data;

namespace WardCms.Core.Radio;

public sealed record ScriptText(int Id, string Title, string Status, string Body, BroadcastPart.Data Broadcast, int VersionId)
{
    /// <summary>
    /// A script goes on air only as a leader approved it: the text is the approved (or published) version,
    /// and a script with none may not go on air. Text saved after the approval waits for its own review.
    /// </summary>
    public bool Usable { get; init; }

    /// <summary>Someone saved text after the approved version; it is not on air until approved.</summary>
    public bool HasUnreviewedChanges { get; init; }
}

public sealed record Reading(string Original, string Normalised, int Syllables, TimeSpan Estimate);

/// <summary>A script as read: its own opening line, its paragraphs and its closing line (both lines may be empty), timed.</summary>
public sealed record TimedScript(ScriptText Script, Reading Opening, IReadOnlyList<Reading> Paragraphs, Reading Closing, TimeSpan CueTime, TimeSpan Estimate, TimeSpan Start, TimeSpan End)
{
    // Everything the announcer says, in order: what a speech draft reads and what the text exports print.
    public IEnumerable<Reading> Spoken => Paragraphs.Prepend(Opening).Append(Closing).Where(r => r.Original.Length > 0);

    public string ReadingText => string.Join("\n\n", Spoken.Select(p => p.Normalised));
    public string OriginalText => string.Join("\n\n", Spoken.Select(p => p.Original));
}

public sealed record BulletinSheet(
    Bulletin Bulletin,
    string? AnnouncerName,
    int Rate,
    Reading Opening,
    Reading Closing,
    IReadOnlyList<TimedScript> Items,
    TimeSpan Total)
{
    public TimeSpan Target => TimeSpan.FromSeconds(Bulletin.TargetSeconds);

    /// <summary>Scripts in the bulletin that lost their approval (sent back, taken down): left out until approved again.</summary>
    public IReadOnlyList<ScriptText> Withheld { get; init; } = [];

    // "Dài hơn 1 phút 10 giây so với thời lượng dự kiến".
    public string Balance => RadioDesk.DescribeBalance(Total, Target);

    public string ReadingText => string.Join("\n\n",
        new[] { Opening.Normalised }.Concat(Items.Select(i => i.ReadingText)).Append(Closing.Normalised).Where(t => t.Length > 0));
}

/// <summary>
/// The radio desk's read side: scripts and bulletins with their reading text (normalised with the
/// ward's abbreviations) and timings, shared by the admin pages, the exports and the public pages.
/// </summary>
public sealed partial class RadioDesk(WardDbContext db, ContentPartRegistry parts, RadioReading reading)
{
    private ReadingTextNormalizer? _normalizer;
    private (int SiteId, IReadOnlyList<string> Names)? _scriptTypes;

    /// <summary>
    /// The site's script types: every type made with the broadcast part, whatever its name. Empty on
    /// a site without radio: its radio pages answer 404 and its menu has no radio entry.
    /// </summary>
    public async Task<IReadOnlyList<string>> ScriptTypesAsync(int siteId, CancellationToken ct = default)
    {
        if (_scriptTypes is { } known && known.SiteId == siteId)
        {
            return known.Names;
        }
        var broadcast = parts.Get<BroadcastPart>();
        var names = (await db.ContentTypes.AsNoTracking().Where(t => t.SiteId == siteId).OrderBy(t => t.Order).ThenBy(t => t.Id).ToListAsync(ct))
            .Where(broadcast.IsIn).Select(t => t.Name).ToList();
        _scriptTypes = (siteId, names);
        return names;
    }

    /// <summary>The site's scripts (items of its script types), in the trash or not.</summary>
    public async Task<IQueryable<ContentItem>> ScriptsAsync(int siteId, CancellationToken ct = default)
    {
        var types = await ScriptTypesAsync(siteId, ct);
        return db.ContentItems.AsNoTracking().Where(i => i.SiteId == siteId && types.Contains(i.ContentType));
    }

    /// <summary>Scripts that may go on air: those with an approved version (see <see cref="ScriptText.Usable"/>).</summary>
    public static IQueryable<ContentItem> Usable(IQueryable<ContentItem> items) => items.Where(i => i.ApprovedVersionId != null);

    public async Task<ReadingTextNormalizer> NormalizerAsync(int siteId, CancellationToken ct = default) =>
        _normalizer ??= await reading.ForSiteAsync(db, siteId, ct);

    public async Task<Reading> ReadAsync(int siteId, string text, int rate, CancellationToken ct = default)
    {
        var normalizer = await NormalizerAsync(siteId, ct);
        return Read(normalizer, text, rate);
    }

    public static Reading Read(ReadingTextNormalizer normalizer, string text, int rate)
    {
        var original = text.Trim();
        var normalised = original.Length == 0 ? "" : normalizer.Normalize(original);
        var syllables = SyllableCounter.CountReadingText(normalised);
        return new Reading(original, normalised, syllables, ReadTimeEstimator.FromSyllables(syllables, rate));
    }

    public async Task<ScriptText?> FindScriptAsync(int siteId, int id, CancellationToken ct = default) =>
        (await LoadScriptsAsync(siteId, [id], ct)).GetValueOrDefault(id);

    public async Task<Dictionary<int, ScriptText>> LoadScriptsAsync(int siteId, IReadOnlyCollection<int> ids, CancellationToken ct = default)
    {
        var rows = await (await ScriptsAsync(siteId, ct))
            .Where(i => !i.IsDeleted && ids.Contains(i.Id))
            .Select(i => new { i.Id, i.Status, i.ApprovedVersionId, i.LatestVersionId })
            .ToListAsync(ct);
        // The approved text when there is one (publishing approves too); a draft never approved reads as written.
        var versionIds = rows.Select(r => r.ApprovedVersionId ?? r.LatestVersionId ?? 0).ToList();
        var versions = await db.ContentVersions.AsNoTracking()
            .Where(v => versionIds.Contains(v.Id))
            .Select(v => new { v.Id, v.ContentItemId, v.Title, v.Body, v.PartsJson })
            .ToDictionaryAsync(v => v.Id, ct);
        var broadcast = parts.Get<BroadcastPart>();
        var result = new Dictionary<int, ScriptText>();
        for (var n = 0; n < rows.Count; n++)
        {
            if (!versions.TryGetValue(versionIds[n], out var v))
            {
                continue;
            }
            var json = JsonNode.Parse(v.PartsJson) as JsonObject ?? [];
            var data = (BroadcastPart.Data)broadcast.Read(json);
            result[rows[n].Id] = new ScriptText(rows[n].Id, v.Title, rows[n].Status, v.Body, data, v.Id)
            {
                Usable = rows[n].ApprovedVersionId is not null,
                HasUnreviewedChanges = rows[n].ApprovedVersionId is { } a && a != rows[n].LatestVersionId,
            };
        }
        return result;
    }

    public async Task<TimedScript> TimeScriptAsync(int siteId, ScriptText script, int rate, TimeSpan start, CancellationToken ct = default)
    {
        var normalizer = await NormalizerAsync(siteId, ct);
        var opening = Read(normalizer, script.Broadcast.OpeningLine, rate);
        var paragraphs = SplitParagraphs(script.Body).Select(p => Read(normalizer, p, rate)).ToList();
        var closing = Read(normalizer, script.Broadcast.ClosingLine, rate);
        var cueTime = TimeSpan.FromSeconds(script.Broadcast.Cues.Sum(c => Math.Max(0, c.Seconds)));
        var estimate = paragraphs.Aggregate(opening.Estimate + closing.Estimate, (t, p) => t + p.Estimate) + cueTime;
        return new TimedScript(script, opening, paragraphs, closing, cueTime, estimate, start, start + estimate);
    }

    public async Task<int> SiteRateAsync(int siteId, CancellationToken ct = default) =>
        await db.Sites.Where(s => s.Id == siteId).Select(s => s.ReadingRate).FirstOrDefaultAsync(ct) is var r and >= ReadTimeEstimator.MinSyllablesPerMinute and <= ReadTimeEstimator.MaxSyllablesPerMinute
            ? r
            : ReadTimeEstimator.DefaultSyllablesPerMinute;

    public async Task<BulletinSheet?> LoadBulletinAsync(int siteId, int bulletinId, CancellationToken ct = default)
    {
        var bulletin = await db.Set<Bulletin>().AsNoTracking().Include(b => b.Items)
            .FirstOrDefaultAsync(b => b.Id == bulletinId && b.SiteId == siteId, ct);
        if (bulletin is null)
        {
            return null;
        }
        bulletin.Items = bulletin.Items.OrderBy(i => i.Order).ThenBy(i => i.Id).ToList();
        var announcer = bulletin.AnnouncerId is { } aid
            ? await db.Set<Announcer>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == aid && a.SiteId == siteId, ct)
            : null;
        var rate = announcer?.SyllablesPerMinute ?? await SiteRateAsync(siteId, ct);
        var normalizer = await NormalizerAsync(siteId, ct);
        var opening = Read(normalizer, bulletin.OpeningLine, rate);
        var closing = Read(normalizer, bulletin.ClosingLine, rate);
        var scripts = await LoadScriptsAsync(siteId, bulletin.Items.Select(i => i.ContentItemId).ToList(), ct);
        var clock = opening.Estimate;
        var items = new List<TimedScript>();
        var withheld = new List<ScriptText>();
        foreach (var item in bulletin.Items)
        {
            if (!scripts.TryGetValue(item.ContentItemId, out var script))
            {
                continue; // trashed since it was added: it cannot be read, so it does not count
            }
            if (!script.Usable)
            {
                withheld.Add(script); // no approved text to read
                continue;
            }
            var timed = await TimeScriptAsync(siteId, script, rate, clock, ct);
            items.Add(timed);
            clock = timed.End;
        }
        return new BulletinSheet(bulletin, announcer?.Name, rate, opening, closing, items, clock + closing.Estimate) { Withheld = withheld };
    }

    public static string DescribeBalance(TimeSpan total, TimeSpan target)
    {
        if (target <= TimeSpan.Zero)
        {
            return "Chưa đặt thời lượng dự kiến";
        }
        var diff = Math.Round(total.TotalSeconds - target.TotalSeconds);
        return diff switch
        {
            > 0 => $"Dài hơn {ReadTimeEstimator.Format(TimeSpan.FromSeconds(diff))} so với thời lượng dự kiến",
            < 0 => $"Ngắn hơn {ReadTimeEstimator.Format(TimeSpan.FromSeconds(-diff))} so với thời lượng dự kiến",
            _ => "Đúng thời lượng dự kiến",
        };
    }

    // "≈ 2 phút 15 giây".
    public static string FormatEstimate(TimeSpan t) => "≈ " + ReadTimeEstimator.Format(t);

    // "02:15" for tables and the as-run log.
    public static string Clock(TimeSpan t)
    {
        var s = (long)Math.Round(t.TotalSeconds);
        return s >= 3600 ? $"{s / 3600}:{s % 3600 / 60:00}:{s % 60:00}" : $"{s / 60:00}:{s % 60:00}";
    }

    /// <summary>The body is Markdown; an announcer reads its words, not its marks.</summary>
    public static IReadOnlyList<string> SplitParagraphs(string markdown) =>
        ParagraphBreak().Split(markdown.Replace("\r\n", "\n", StringComparison.Ordinal))
            .Select(PlainLine)
            .Where(p => p.Length > 0)
            .ToList();

    private static string PlainLine(string block)
    {
        var lines = block.Split('\n').Select(l => LinePrefix().Replace(l.Trim(), ""));
        var text = string.Join(' ', lines.Where(l => l.Length > 0));
        text = Link().Replace(text, "$1");
        text = Emphasis().Replace(text, "");
        return Spaces().Replace(text, " ").Trim();
    }

    [GeneratedRegex(@"\n\s*\n")]
    private static partial Regex ParagraphBreak();

    [GeneratedRegex(@"^(?:#{1,6}\s+|>\s?|[-*+]\s+|\d+[.)]\s+)")]
    private static partial Regex LinePrefix();

    [GeneratedRegex(@"!?\[([^\]]*)\]\([^)]*\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"\*\*|__|(?<![\p{L}\p{N}])[*_](?=\S)|(?<=\S)[*_](?![\p{L}\p{N}])|`")]
    private static partial Regex Emphasis();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}

/// <summary>Builds the normaliser of a site: the default abbreviations with the ward's own merged over them.</summary>
public sealed class RadioReading
{
    public async Task<ReadingTextNormalizer> ForSiteAsync(WardDbContext db, int siteId, CancellationToken ct)
    {
        var own = await db.Set<RadioAbbreviation>().AsNoTracking().Where(a => a.SiteId == siteId)
            .Select(a => new { a.Abbreviation, a.Expansion }).ToListAsync(ct);
        if (own.Count == 0)
        {
            return Default;
        }
        var merged = new Dictionary<string, string>(ReadingTextNormalizer.DefaultAbbreviations, StringComparer.Ordinal);
        foreach (var a in own)
        {
            merged[a.Abbreviation] = a.Expansion;
        }
        return new ReadingTextNormalizer(merged);
    }

    public ReadingTextNormalizer Default { get; } = new();
}
