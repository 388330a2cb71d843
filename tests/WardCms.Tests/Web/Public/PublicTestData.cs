using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WardCms.Core.Content;
using WardCms.Core.Content.Parts;
using WardCms.Core.Data;
using WardCms.Tests.Infrastructure;

namespace WardCms.Tests.Web.Public;

/// <summary>Items the public tests add next to the shipped demo content.</summary>
public static class PublicTestData
{
    /// <summary>Demo article with topics a) and b): the newest of those topics' items is its related list.</summary>
    public const string DemoArticle = "/cchc/phuong-hai-ba-trung-trien-khai-nhiem-vu-cai-cach-hanh-chinh-nam-2025";
    public const string DemoArticleTitle = "Phường Hai Bà Trưng triển khai nhiệm vụ cải cách hành chính năm 2025";

    public static async Task<int> CreateArticleAsync(WardAppFactory factory, string slug, string title, bool publish,
        string[]? topicKeys = null, string? imageUrl = null, string body = "Nội dung.")
    {
        return await factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<WardDbContext>();
            var content = sp.GetRequiredService<ContentManager>();
            var site = await db.Sites.OrderBy(s => s.Id).FirstAsync();
            var type = (await content.FindTypeAsync(site.Id, "CchcArticle"))!;
            var draft = ContentDraft.Empty(type, sp.GetRequiredService<ContentPartRegistry>());
            draft.Common.Title = title;
            draft.Common.Summary = "Tóm tắt của " + title;
            draft.Common.Body = body;
            draft.Route.Slug = slug;
            var keys = topicKeys ?? [];
            draft.Parts[TopicsPart.PartName] = new TopicsPart.Data
            {
                TermIds = await db.Terms.Where(t => t.Taxonomy!.SiteId == site.Id && keys.Contains(t.Key)).Select(t => t.Id).ToListAsync(),
            };
            if (imageUrl is not null)
            {
                draft.Parts[MediaPart.PartName] = new MediaPart.Data { ImageUrl = imageUrl, Alt = "Người dân làm thủ tục tại bộ phận một cửa" };
            }
            var saved = await content.CreateAsync(site.Id, type, draft, Actor.System);
            Assert.True(saved.Item is not null, string.Join("; ", saved.Errors.Select(e => e.Message)));
            if (publish)
            {
                await content.PublishAsync(saved.Item!.Id, Actor.System);
            }
            return saved.Item!.Id;
        });
    }
}
