using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WardCms.Core.Content;
using WardCms.Core.Content.Parts;
using WardCms.Core.Data;
using WardCms.Core.Security;
using WardCms.Tests.Infrastructure;

namespace WardCms.Tests.Editorial;

/// <summary>Items written by a named staff member through the ContentManager, as the edit page would save them.</summary>
public static class EditorialTestData
{
    public static Task<int> CreateArticleAsync(WardAppFactory factory, string userName, string title, params int[] taskNumbers) =>
        factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<WardDbContext>();
            var content = sp.GetRequiredService<ContentManager>();
            var registry = sp.GetRequiredService<ContentPartRegistry>();
            var user = await sp.GetRequiredService<UserManager<StaffUser>>().FindByNameAsync(userName) ?? throw new InvalidOperationException(userName);
            var site = await db.Sites.OrderBy(s => s.Id).FirstAsync();
            var type = await db.ContentTypes.AsNoTracking().FirstAsync(t => t.SiteId == site.Id && t.Name == "CchcArticle");
            var taskIds = await db.PlanTasks.Where(t => t.Plan!.SiteId == site.Id && taskNumbers.Contains(t.Number))
                .OrderBy(t => t.PlanId).Select(t => t.Id).ToListAsync();
            var draft = ContentDraft.Empty(type, registry);
            draft.Common.Title = title;
            draft.Common.Summary = "Tóm tắt " + title;
            draft.Common.Body = "Nội dung bài viết về cải cách hành chính.";
            draft.Common.UnitId = user.UnitId;
            draft.Parts[PlanTasksPart.PartName] = new PlanTasksPart.Data { TaskIds = taskIds };
            var result = await content.CreateAsync(site.Id, type, draft, new Actor(user.Id, user.FullName));
            Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Message)));
            return result.Item!.Id;
        });

    /// <summary>
    /// The site's latest plan, its span run through this year: tests that count this month's items
    /// against the demo's 2025 plan need it, as a plan is judged only within its own span.
    /// </summary>
    public static Task<int> PlanRunningThisYearAsync(WardAppFactory factory) => factory.WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<WardDbContext>();
        var plan = await db.Plans.OrderByDescending(p => p.Year).ThenByDescending(p => p.Id).FirstAsync();
        var yearEnd = new DateOnly(WardCms.Core.Planning.PeriodCalculator.LocalDate(DateTimeOffset.UtcNow).Year, 12, 31);
        if (plan.EndsOn < yearEnd)
        {
            plan.EndsOn = yearEnd;
            await db.SaveChangesAsync();
        }
        return plan.Id;
    });

    public static Task<string> StatusAsync(WardAppFactory factory, int id) =>
        factory.WithScopeAsync(sp => sp.GetRequiredService<WardDbContext>().ContentItems.Where(i => i.Id == id).Select(i => i.Status).FirstAsync());

    public static async Task<HttpClient> LoggedInAsync(WardAppFactory factory, string user)
    {
        var client = factory.CreateBrowserClient();
        var res = await client.LoginAsync(user, user == "admin" ? WardAppFactory.AdminPassword : WardAppFactory.StaffPassword);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, res.StatusCode);
        return client;
    }

    /// <summary>
    /// Presses a workflow button as a browser would: the transition page gives the token and the version on
    /// screen (unless <paramref name="versionId"/> says which version the person saw).
    /// </summary>
    public static async Task<HttpResponseMessage> MoveAsync(HttpClient client, int id, string to, string? comment = null, string? publishAt = null, int? versionId = null)
    {
        var page = await client.GetAsync($"/admin/workflow/transition?id={id}");
        var html = await page.Content.ReadAsStringAsync();
        var token = HttpClientExtensions.ExtractToken(html) ?? await client.GetAntiforgeryTokenAsync("/admin/content/create?type=CchcArticle");
        var shown = Regex.Match(html, "name=\"VersionId\" value=\"(\\d+)\"");
        var fields = new List<KeyValuePair<string, string>> { new("To", to), new("__RequestVerificationToken", token) };
        if (comment is not null)
            fields.Add(new("Comment", comment));
        if (publishAt is not null)
            fields.Add(new("PublishAt", publishAt));
        if (versionId is not null)
            fields.Add(new("VersionId", versionId.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        else if (shown.Success)
            fields.Add(new("VersionId", shown.Groups[1].Value));
        return await client.PostAsync($"/admin/workflow/transition?id={id}", new FormUrlEncodedContent(fields));
    }
}

/// <summary>A clock the test moves by hand.</summary>
public sealed class ManualTime(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;

    public void Advance(TimeSpan by) => Now += by;
}
