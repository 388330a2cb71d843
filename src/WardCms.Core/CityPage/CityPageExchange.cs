using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.EntityFrameworkCore;
using WardCms.Core.Content;
using WardCms.Core.Content.Parts;
using WardCms.Core.Data;
using WardCms.Core.Editorial;
using WardCms.Core.Language;
using WardCms.Core.Planning;
using WardCms.Core.Sites;

namespace WardCms.Core.CityPage;

/// <summary>What became of a send, an acceptance or a return: done, or refused with a Vietnamese reason and an HTTP status.</summary>
public sealed record CityOutcome(bool Succeeded, string? Error, int Status, CityPageSubmission? Submission = null, string? Field = null)
{
    public static CityOutcome Done(CityPageSubmission s) => new(true, null, 200, s);
    public static CityOutcome Refused(int status, string message, string? field = null) => new(false, message, status, null, field);
}

/// <summary>The text a city editor publishes, edited from what the unit sent.</summary>
public sealed record CityEdits(string? Title, string? Summary, string? Body, string? Note);

/// <summary>
/// Articles from units to the City CCHC page of the same deployment (issue 16): a unit's editor sends
/// an approved article with one action; the city page's editors accept it (with edits) or return it
/// with a comment. Accepting publishes it on the city page with the unit credited and records, in the
/// same transaction, the posting that counts for the unit's City-page quota (<see cref="CityPagePosting"/>,
/// what a unit whose city page lives elsewhere records by hand). Every step is in both sites' audit.
/// The city side works from the submission's copy of the text: it never reads the unit's records.
/// </summary>
public sealed class CityPageExchange(WardDbContext db, ContentManager content, ContentPartRegistry parts, EditorialService editorial, WorkflowRules rules, TimeProvider clock,
    IServiceScopeFactory scopes, ILogger<CityPageExchange> logger)
{
    /// <summary>The City CCHC page this unit sends to in this deployment, or null (none named, or it is not a city page here).</summary>
    public async Task<Site?> CityPageOfAsync(Site unit, CancellationToken ct = default) =>
        unit.IsCityPage || unit.CityPageKey.Length == 0
            ? null
            : await db.Sites.AsNoTracking().FirstOrDefaultAsync(s => s.Key == unit.CityPageKey && s.Kind == SiteKinds.CityPage, ct);

    /// <summary>Whether this user may send this item (its unit's editor, an approved or published version).</summary>
    public Task<bool> CanSendAsync(ContentItem item, WorkflowUser user, CancellationToken ct = default) => editorial.CanSendToCityPageAsync(item, user, ct);

    /// <summary>The unit's submissions of one item, newest first.</summary>
    public Task<List<CityPageSubmission>> OfItemAsync(int unitSiteId, int itemId, CancellationToken ct = default) =>
        db.Set<CityPageSubmission>().AsNoTracking().Where(s => s.FromSiteId == unitSiteId && s.FromItemId == itemId)
            .OrderByDescending(s => s.SentUtc).ThenByDescending(s => s.Id).ToListAsync(ct);

    /// <param name="unitBaseUrl">The unit portal's absolute base, for the credit link to its own article.</param>
    public async Task<CityOutcome> SendAsync(Site unit, int itemId, WorkflowUser user, string unitBaseUrl, CancellationToken ct = default)
    {
        if (await CityPageOfAsync(unit, ct) is not { } city)
            return CityOutcome.Refused(404, "Trang này không gửi bài lên Trang CCHC Thành phố trong cùng hệ thống; hãy ghi nhận bài đã đăng bằng tay.");
        var item = await db.ContentItems.AsNoTracking().FirstOrDefaultAsync(i => i.Id == itemId && i.SiteId == unit.Id && !i.IsDeleted, ct);
        if (item is null)
            return CityOutcome.Refused(404, "Không tìm thấy bài.");
        if (!await CanSendAsync(item, user, ct))
            return CityOutcome.Refused(403, "Chỉ phòng phụ trách bài mới gửi được bài lên Trang CCHC Thành phố, và chỉ khi bài đã được lãnh đạo duyệt.");
        var last = (await OfItemAsync(unit.Id, item.Id, ct)).FirstOrDefault();
        if (last is { Status: CitySubmissionStatus.Waiting })
            return CityOutcome.Refused(409, $"Bài đã được gửi ngày {Local(last.SentUtc):dd/MM/yyyy} và đang chờ Trang CCHC Thành phố xem.");
        if (last is { Status: CitySubmissionStatus.Accepted })
            return CityOutcome.Refused(409, $"Trang CCHC Thành phố đã nhận đăng bài này ngày {last.PostedOn:dd/MM/yyyy}.");

        var versionId = (item.ApprovedVersionId ?? item.PublishedVersionId)!.Value;
        var version = await db.ContentVersions.AsNoTracking().FirstAsync(v => v.Id == versionId, ct);
        var type = await content.FindTypeAsync(unit.Id, item.ContentType, ct);
        var path = item.PublishedVersionId is null ? null : type?.Settings.UrlFor(item.PublishedSlug);
        var unitName = item.UnitId is { } u ? await db.Units.Where(x => x.Id == u).Select(x => x.Name).FirstOrDefaultAsync(ct) ?? "" : "";
        var topics = await db.ContentItemTerms.AsNoTracking().Where(t => t.ContentItemId == item.Id)
            .Join(db.Terms, it => it.TermId, t => t.Id, (it, t) => t.Name).Distinct().OrderBy(n => n).ToListAsync(ct);
        var submission = new CityPageSubmission
        {
            SiteId = city.Id,
            FromSiteId = unit.Id,
            FromItemId = item.Id,
            FromVersionId = version.Id,
            FromSiteName = Cut(unit.Name, 200),
            FromUnitName = Cut(unitName, 200),
            // The article on the unit's portal; its home page while it is approved but not yet published there.
            SourceUrl = Cut(unitBaseUrl.TrimEnd('/') + (path ?? "/"), 1000),
            Title = version.Title,
            Summary = version.Summary,
            // Root-relative links and images ("/media/…", "/cchc/…") are the unit's: on the city page they
            // must still point at the unit's portal.
            Body = Absolute(version.Body, unitBaseUrl),
            Topics = Cut(string.Join("; ", topics), 1000),
            SentById = user.UserId,
            SentByName = Cut(user.Name, 200),
            SentUtc = clock.GetUtcNow().UtcDateTime,
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Add(submission);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The same item sent twice at once (a double-click): the unique index kept the first.
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return CityOutcome.Refused(409, "Bài vừa được gửi và đang chờ Trang CCHC Thành phố xem.");
        }
        await editorial.AuditAsync(item, WorkflowAction.SentToCityPage, item.Status, item.Status, user.UserId, user.Name, $"Gửi {city.Name}", ct, versionId);
        await tx.CommitAsync(ct);
        return CityOutcome.Done(submission);
    }

    /// <summary>The city page's inbox: what units sent to it, newest first, as the filters ask.</summary>
    public IQueryable<CityPageSubmission> Inbox(Site city) =>
        db.Set<CityPageSubmission>().AsNoTracking().Where(s => s.SiteId == city.Id);

    public async Task<CityOutcome> AcceptAsync(Site city, int submissionId, CityEdits edits, WorkflowUser user, string cityBaseUrl, CancellationToken ct = default)
    {
        if (await DecidableAsync(city, submissionId, user, ct) is { } refused)
            return refused;
        var s = await db.Set<CityPageSubmission>().FirstAsync(x => x.Id == submissionId && x.SiteId == city.Id, ct);
        if (s.Status != CitySubmissionStatus.Waiting)
            return AlreadyDecided(s);
        var title = TextInput.CleanLine(edits.Title).Trim();
        var summary = TextInput.Clean(edits.Summary).Trim();
        var body = TextInput.Clean(edits.Body).Trim();
        var note = TextInput.Clean(edits.Note).Trim();
        if (title.Length == 0)
            return CityOutcome.Refused(400, "Nhập tiêu đề bài sẽ đăng.", "Title");
        if (title.Length > CommonPart.MaxTitle)
            return CityOutcome.Refused(400, $"Tiêu đề dài {title.Length:N0} ký tự; tối đa {CommonPart.MaxTitle:N0} ký tự.", "Title");
        if (summary.Length > CommonPart.MaxSummary)
            return CityOutcome.Refused(400, $"Tóm tắt dài {summary.Length:N0} ký tự; tối đa {CommonPart.MaxSummary:N0} ký tự.", "Summary");
        if (body.Length == 0)
            return CityOutcome.Refused(400, "Nội dung bài không được để trống.", "Body");
        if (note.Length > CityPageSubmissionConfiguration.CommentLength)
            return CityOutcome.Refused(400, $"Ghi chú dài {note.Length:N0} ký tự; tối đa {CityPageSubmissionConfiguration.CommentLength:N0} ký tự.", "Note");
        var types = await db.ContentTypes.AsNoTracking().Where(t => t.SiteId == city.Id).OrderBy(t => t.Order).ToListAsync(ct);
        var type = types.FirstOrDefault(t => t.Settings.SlugPattern is not null && parts.Get<CommonPart>().IsIn(t));
        if (type is null)
            return CityOutcome.Refused(409, "Trang CCHC Thành phố chưa có loại bài nào để đăng; hãy thêm một loại bài có đường dẫn công khai.");

        var draft = ContentDraft.Empty(type, parts);
        draft.Common.Title = title;
        draft.Common.Summary = summary;
        // The unit is credited in the text itself, so the credit travels with the article (feeds, print, search).
        draft.Common.Body = body + "\n\n" + Credit(s);
        draft.Common.AuthorName = s.FromSiteName;
        draft.Common.UnitId = user.UnitId;
        var actor = new Actor(user.UserId, user.Name);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var created = await content.CreateAsync(city.Id, type, draft, actor, ct);
        if (!created.Succeeded)
        {
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return CityOutcome.Refused(400, "Chưa đăng được: " + string.Join(" ", created.Errors.Select(e => e.Message)));
        }
        var item = await content.PublishAsync(created.Item!.Id, actor, ct);
        await editorial.AuditAsync(item, WorkflowAction.Published, ContentStatus.Draft, item.Status, user.UserId, user.Name, Cut($"Nhận đăng bài của {s.FromSiteName}", 2000), ct);

        var postedOn = PeriodCalculator.LocalDate(clock.GetUtcNow());
        var url = cityBaseUrl.TrimEnd('/') + type.Settings.UrlFor(item.PublishedSlug);
        s.Status = CitySubmissionStatus.Accepted;
        s.DecidedById = user.UserId;
        s.DecidedByName = Cut(user.Name, 200);
        s.DecidedUtc = clock.GetUtcNow().UtcDateTime;
        s.Comment = note;
        s.CityItemId = item.Id;
        s.CityUrl = Cut(url, 1000);
        s.PostedOn = postedOn;
        // What counts for the unit's City-page quota: the same record a unit makes by hand, made here.
        db.Add(new CityPagePosting
        {
            SiteId = s.FromSiteId, ContentItemId = s.FromItemId, PostedOn = postedOn, Url = s.CityUrl,
            RecordedById = user.UserId, RecordedUtc = clock.GetUtcNow().UtcDateTime,
        });
        UnitAudit(s, WorkflowAction.AcceptedByCityPage, user, note.Length > 0 ? $"{url} — {note}" : url);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone decided it meanwhile: nothing of this acceptance stays (the city's item included).
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return AlreadyDecided(await db.Set<CityPageSubmission>().AsNoTracking().FirstAsync(x => x.Id == submissionId, ct));
        }
        await tx.CommitAsync(ct);
        await TellUnitAsync(s, WorkflowAction.AcceptedByCityPage, user, note.Length > 0 ? $"{url} — {note}" : url, ct);
        return CityOutcome.Done(s);
    }

    public async Task<CityOutcome> ReturnAsync(Site city, int submissionId, string? comment, WorkflowUser user, CancellationToken ct = default)
    {
        if (await DecidableAsync(city, submissionId, user, ct) is { } refused)
            return refused;
        var s = await db.Set<CityPageSubmission>().FirstAsync(x => x.Id == submissionId && x.SiteId == city.Id, ct);
        if (s.Status != CitySubmissionStatus.Waiting)
            return AlreadyDecided(s);
        var why = TextInput.Clean(comment).Trim();
        if (why.Length == 0)
            return CityOutcome.Refused(400, "Ghi lý do trả lại để đơn vị gửi biết cần sửa gì.", "Comment");
        if (why.Length > CityPageSubmissionConfiguration.CommentLength)
            return CityOutcome.Refused(400, $"Lý do dài {why.Length:N0} ký tự; tối đa {CityPageSubmissionConfiguration.CommentLength:N0} ký tự.", "Comment");
        s.Status = CitySubmissionStatus.Returned;
        s.DecidedById = user.UserId;
        s.DecidedByName = Cut(user.Name, 200);
        s.DecidedUtc = clock.GetUtcNow().UtcDateTime;
        s.Comment = why;
        UnitAudit(s, WorkflowAction.ReturnedByCityPage, user, why);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return AlreadyDecided(await db.Set<CityPageSubmission>().AsNoTracking().FirstAsync(x => x.Id == submissionId, ct));
        }
        await TellUnitAsync(s, WorkflowAction.ReturnedByCityPage, user, why, ct);
        return CityOutcome.Done(s);
    }

    /// <summary>
    /// The sending unit's people hear of the city's decision. This request is confined to the city
    /// page, so the unit's item and accounts are read in a scope of their own (the only cross-site read
    /// here, naming the unit's site and item); a failure to tell is only logged.
    /// </summary>
    private async Task TellUnitAsync(CityPageSubmission s, string action, WorkflowUser user, string comment, CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var unitDb = scope.ServiceProvider.GetRequiredService<WardDbContext>();
            if (await unitDb.ContentItems.AsNoTracking().FirstOrDefaultAsync(i => i.Id == s.FromItemId && i.SiteId == s.FromSiteId, ct) is { } item)
            {
                await scope.ServiceProvider.GetRequiredService<Notifications.Notifier>().OnWorkflowAsync(item, action, user.UserId, user.Name, comment, ct);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Could not tell unit site {Site} of the city's decision on item {Item}", s.FromSiteId, s.FromItemId);
        }
    }

    private async Task<CityOutcome?> DecidableAsync(Site city, int submissionId, WorkflowUser user, CancellationToken ct)
    {
        if (!city.IsCityPage || !await db.Set<CityPageSubmission>().AnyAsync(x => x.Id == submissionId && x.SiteId == city.Id, ct))
            return CityOutcome.Refused(404, "Không tìm thấy bài được gửi.");
        if (!rules.CanDecideCitySubmission(user))
            return CityOutcome.Refused(403, "Chỉ người có quyền xuất bản của Trang CCHC Thành phố mới nhận đăng hoặc trả lại bài.");
        return null;
    }

    private CityOutcome AlreadyDecided(CityPageSubmission s) => CityOutcome.Refused(409,
        $"Bài này đã được {(s.Status == CitySubmissionStatus.Accepted ? "nhận đăng" : "trả lại")} ngày {Local(s.DecidedUtc ?? s.SentUtc):dd/MM/yyyy} bởi {s.DecidedByName}.");

    /// <summary>The sender's audit trail hears of the decision (written from the city's request: an insert names its site).</summary>
    private void UnitAudit(CityPageSubmission s, string action, WorkflowUser user, string comment) =>
        db.Add(new AuditEntry
        {
            SiteId = s.FromSiteId, ContentItemId = s.FromItemId,
            UserId = user.UserId, UserName = Cut(user.Name, 200), AtUtc = clock.GetUtcNow().UtcDateTime,
            Action = action, Comment = Cut(comment, 2000),
        });

    /// <summary>"*Nguồn: [Trang thông tin điện tử phường …](&lt;https://…/cchc/…&gt;)*": the unit's name as text (its Markdown punctuation escaped), its article as the link.</summary>
    public static string Credit(CityPageSubmission s)
    {
        var name = MarkdownPunctuation.Replace(s.FromSiteName, @"\$0");
        return s.SourceUrl.Length > 0 ? $"*Nguồn: [{name}](<{s.SourceUrl.Replace(">", "%3E", StringComparison.Ordinal)}>)*" : $"*Nguồn: {name}*";
    }

    private static readonly System.Text.RegularExpressions.Regex MarkdownPunctuation = new(@"[\\`*_{}\[\]()#+\-.!<>|~]", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    private static readonly System.Text.RegularExpressions.Regex RootRelativeTarget = new(@"\]\((/(?!/)[^\s)]*)", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    /// <summary>Markdown links and images to "/…" made absolute on <paramref name="baseUrl"/>.</summary>
    public static string Absolute(string markdown, string baseUrl) =>
        RootRelativeTarget.Replace(markdown, m => "](" + baseUrl.TrimEnd('/') + m.Groups[1].Value);

    private static DateOnly Local(DateTime utc) => PeriodCalculator.LocalDate(new DateTimeOffset(utc, TimeSpan.Zero));

    private static string Cut(string value, int max) => value.Length > max ? value[..max] : value;
}
