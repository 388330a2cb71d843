using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using WardCms.Core.Data;
using WardCms.E2E.Infrastructure;
using WardCms.Tests.Infrastructure;

namespace WardCms.E2E;

/// <summary>
/// A preview link for a leader on a phone (issue 17): the editor changes the title and, without
/// saving, asks for the link; the text is saved first and the link is of that version. On a phone,
/// not signed in, the leader reads the draft as citizens will, marked as a preview, axe-clean and
/// never scrolling sideways; the public page still shows the published text.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PreviewLinkTests(BrowserFixture browser)
{
    [Fact]
    public async Task EditorShares_UnsavedTitleIsSavedFirst_LeaderReadsTheDraftOnAPhone()
    {
        var (id, slug) = await browser.App.WithScopeAsync(async sp =>
        {
            var item = await sp.GetRequiredService<WardDbContext>().ContentItems
                .Where(i => i.ContentType == "CchcArticle" && i.PublishedVersionId != null && !i.IsDeleted)
                .OrderByDescending(i => i.Id).Select(i => new { i.Id, i.PublishedSlug }).FirstAsync();
            return (item.Id, item.PublishedSlug!);
        });
        var editor = await browser.NewPageAsync(1280, 900);
        await browser.LoginAsync(editor, "admin", WardAppFactory.AdminPassword);
        await editor.GotoAsync($"/admin/content/edit/{id}");
        var title = editor.Locator("#f-Title");
        var published = await title.InputValueAsync();
        var draft = published + " (dự thảo sửa)";
        await title.FillAsync(draft);
        await editor.GetByRole(AriaRole.Button, new() { Name = "Liên kết xem trước cho điện thoại" }).ClickAsync();
        await Assertions.Expect(editor.Locator("h1")).ToHaveTextAsync("Liên kết xem trước");
        var link = await editor.GetByLabel("Liên kết xem trước").InputValueAsync();
        await BrowserFixture.AssertAccessibleAsync(editor, "the preview link page");
        await BrowserFixture.ScreenshotAsync(editor, "lien-ket-xem-truoc-desktop");

        var phone = await browser.NewPageAsync(360, 780);
        var response = await phone.GotoAsync(new Uri(link).PathAndQuery);
        Assert.Equal(200, response!.Status);
        await Assertions.Expect(phone.Locator("h1")).ToHaveTextAsync(draft);
        await Assertions.Expect(phone.Locator(".preview-banner")).ToContainTextAsync("Bản xem trước, chưa xuất bản");
        Assert.Equal(0, await phone.Locator("form.feedback, #phan-hoi-title").CountAsync());
        Assert.True(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1"), "the preview scrolls sideways at 360 px");
        await BrowserFixture.AssertAccessibleAsync(phone, "the preview at 360 px");
        await BrowserFixture.ScreenshotAsync(phone, "ban-xem-truoc-phone");

        // The public page is the published text until a leader publishes the draft.
        await phone.GotoAsync("/cchc/" + slug);
        await Assertions.Expect(phone.Locator("h1")).ToHaveTextAsync(published);
    }
}
