using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WardCms.Core.Content;
using WardCms.Core.Data;
using WardCms.Core.Editorial;
using WardCms.Tests.Infrastructure;
using WardCms.Web.Pages.Admin.Content;

namespace WardCms.Tests.Web.Admin;

/// <summary>The staff's content editing screens, driven through the real forms as a browser would.</summary>
public abstract partial class ContentAdminTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : WardAppFactory
{
    private const string Article = "CchcArticle";

    [Fact]
    public async Task Article_WithPipeTable_CreatedThroughForm_PublishedAndReadable_WithoutRawHtmlOrScriptLinks()
    {
        var client = await LoginAsync("admin", WardAppFactory.AdminPassword);
        var slug = "bang-phi-tthc-" + Unique();
        var body = "## Lệ phí\n\n| Thủ tục | Lệ phí |\n| --- | --- |\n| Đăng ký tạm trú | 0 đồng |\n\n<script>alert('x')</script>\n\n[bấm vào đây](javascript:alert(1))";

        var id = await CreateAsync(client, Article, Fields("Bảng lệ phí thủ tục hành chính", body, slug));
        var publish = await PublishAsync(client, id);
        Assert.Equal(HttpStatusCode.Redirect, publish.StatusCode);

        var page = await client.GetAsync($"/cchc/{slug}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("<table>", html);
        Assert.Contains("<td>Đăng ký tạm trú</td>", html);
        Assert.DoesNotContain("<script>alert", html);
        Assert.DoesNotContain("javascript:alert", html);
        Assert.Contains("Bảng lệ phí thủ tục hành chính", html);
    }

    [Fact]
    public async Task EditingAPublishedArticle_LeavesThePublicPageUnchanged_UntilRepublished()
    {
        var client = await LoginAsync("admin", WardAppFactory.AdminPassword);
        var slug = "lich-tiep-dan-" + Unique();
        var id = await CreateAsync(client, Article, Fields("Lịch tiếp công dân", "Tiếp công dân vào sáng thứ Năm.", slug));
        await PublishAsync(client, id);

        var saved = await SaveAsync(client, id, Fields("Lịch tiếp công dân", "Tiếp công dân vào sáng thứ Sáu.", slug));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var editor = await client.GetStringAsync($"/admin/content/edit/{id}");
        Assert.Contains("Có bản nháp chưa xuất bản", editor);

        var before = await client.GetStringAsync($"/cchc/{slug}");
        Assert.Contains("sáng thứ Năm", before);
        Assert.DoesNotContain("sáng thứ Sáu", before);

        await PublishAsync(client, id);
        var after = await client.GetStringAsync($"/cchc/{slug}");
        Assert.Contains("sáng thứ Sáu", after);
    }

    [Fact]
    public async Task PublishAndUnpublishButtons_AreWorkflowMoves_AuditedWithVersion_AndTakedownNeedsAReason()
    {
        var client = await LoginAsync("admin", WardAppFactory.AdminPassword);
        var slug = "go-bai-" + Unique();
        var id = await CreateAsync(client, Article, Fields("Thông báo tạm dừng tiếp dân", "Tạm dừng một buổi.", slug));

        var published = await PublishAsync(client, id);
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        var audit = await CountAsync(db => db.Set<AuditEntry>().Where(a => a.ContentItemId == id && a.Action == WorkflowAction.Published).ToListAsync());
        var entry = Assert.Single(audit);
        Assert.Equal((ContentStatus.Draft, ContentStatus.Published, 1), (entry.FromState, entry.ToState, entry.VersionNumber));

        // The article type has review steps, so taking it down is the board's decision and needs a reason.
        var noReason = await client.PostFormAsync($"/admin/content/edit/{id}", $"/admin/content/edit/{id}?handler=Unpublish", []);
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("Cần ghi lý do gỡ bài", await noReason.Content.ReadAsStringAsync());
        Assert.NotNull(await CountAsync(db => db.ContentItems.Where(i => i.Id == id).Select(i => i.PublishedVersionId).FirstAsync()));

        var withReason = await client.PostFormAsync($"/admin/content/edit/{id}", $"/admin/content/edit/{id}?handler=Unpublish", [new("comment", "Thông tin đã hết hiệu lực.")]);
        Assert.Equal(HttpStatusCode.Redirect, withReason.StatusCode);
        Assert.Null(await CountAsync(db => db.ContentItems.Where(i => i.Id == id).Select(i => i.PublishedVersionId).FirstAsync()));
        var takedown = Assert.Single(await CountAsync(db => db.Set<AuditEntry>().Where(a => a.ContentItemId == id && a.Action == WorkflowAction.Unpublished).ToListAsync()));
        Assert.Equal("Thông tin đã hết hiệu lực.", takedown.Comment);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/cchc/{slug}")).StatusCode);
    }

    [Fact]
    public async Task VersionsPage_ListsEveryVersion_DiffsTheBody_AndRestoreMakesANewDraft()
    {
        var client = await LoginAsync("admin", WardAppFactory.AdminPassword);
        var slug = "gio-lam-viec-" + Unique();
        var id = await CreateAsync(client, Article, Fields("Giờ làm việc bộ phận một cửa", "Dòng một\nSáng 7 giờ 30\nDòng ba", slug));
        await SaveAsync(client, id, Fields("Giờ làm việc bộ phận một cửa", "Dòng một\nSáng 8 giờ\nDòng ba", slug, note: "Đổi giờ mở cửa"));

        var versions = await client.GetStringAsync($"/admin/content/versions/{id}");
        Assert.Contains("Phiên bản 1", versions);
        Assert.Contains("Phiên bản 2", versions);
        Assert.Contains("Đổi giờ mở cửa", versions);
        Assert.Matches("class=\"diff-line removed\"[^>]*>(<span[^>]*>[^<]*</span>)?Sáng 7 giờ 30", versions);
        Assert.Matches("class=\"diff-line added\"[^>]*>(<span[^>]*>[^<]*</span>)?Sáng 8 giờ", versions);

        var first = await VersionIdAsync(id, 1);
        var restore = await client.PostFormAsync($"/admin/content/versions/{id}", $"/admin/content/versions/{id}?versionId={first}&handler=Restore", []);
        Assert.Equal(HttpStatusCode.Redirect, restore.StatusCode);
        var editor = await client.GetStringAsync($"/admin/content/edit/{id}");
        Assert.Contains("Đã khôi phục nội dung phiên bản 1 thành bản nháp mới (phiên bản 3)", editor);
        Assert.Contains("Sáng 7 giờ 30", editor);
        Assert.Equal(3, await CountAsync(db => db.ContentVersions.CountAsync(v => v.ContentItemId == id)));
    }

    [Fact]
    public async Task EmptyTitle_Is400_WithTheMessageNextToTheField_NothingStored_AndTypedTextKept()
    {
        var client = await LoginAsync("admin", WardAppFactory.AdminPassword);
        var before = await CountAsync(db => db.ContentItems.CountAsync());
        var url = $"/admin/content/create?type={Article}";

        var res = await client.PostFormAsync(url, url, Fields("   ", "Nội dung đang soạn dở về dịch vụ công trực tuyến.", ""));

        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        var html = await res.Content.ReadAsStringAsync();
        Assert.Matches("id=\"f-Title\"[^>]*aria-invalid=\"true\"", html);
        Assert.Contains("<p class=\"field-error\" id=\"f-Title-err\">Tiêu đề không được để trống.</p>", html);
        Assert.Contains("href=\"#f-Title\"", html); // the summary links to the field
        Assert.Contains("Nội dung đang soạn dở về dịch vụ công trực tuyến.", html);
        Assert.Equal(before, await CountAsync(db => db.ContentItems.CountAsync()));
    }

    [Fact]
    public async Task ControlCharactersTypedInTheEditor_AreStoredCleaned_AndThePageSaysSo()
    {
        var client = await LoginAsync("admin", WardAppFactory.AdminPassword);
        var slug = "ky-tu-an-" + Unique();
        // Word's Shift+Enter, a bell, an escape, U+FFFF, a right-to-left override and a NUL (a 500 on PostgreSQL before).
        var title = "Lịch tiếp dân\u000Bquý I\u0007\u001B\uFFFF \u202Engày mới";
        var id = await CreateAsync(client, Article, Fields(title, "Nội dung\u0000 có NUL\u2066.\r\nDòng hai.", slug));

        var stored = await CountAsync(db => db.ContentVersions.Where(v => v.ContentItemId == id)
            .Select(v => new { v.Title, v.Body, ItemTitle = v.ContentItem!.Title }).FirstAsync());
        Assert.Equal("Lịch tiếp dân quý I ngày mới", stored.Title);
        Assert.Equal("Lịch tiếp dân quý I ngày mới", stored.ItemTitle);
        Assert.Equal("Nội dung có NUL.\nDòng hai.", stored.Body);
        Assert.Contains(ContentEditorPageModel.DroppedCharactersNotice, await client.GetStringAsync($"/admin/content/edit/{id}"));

        // A save of the same text again, through the edit form, is cleaned the same way and says so too.
        var saved = await SaveAsync(client, id, Fields(title + "\u0000", "Nội dung\u0000 sửa.", slug));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains(ContentEditorPageModel.DroppedCharactersNotice, await client.GetStringAsync($"/admin/content/edit/{id}"));
        Assert.Equal("Nội dung sửa.", await CountAsync(db => db.ContentVersions.Where(v => v.ContentItemId == id).OrderByDescending(v => v.Number).Select(v => v.Body).FirstAsync()));
    }

    [Theory]
    [InlineData("/admin/content?q=ab%00c")]
    [InlineData("/admin/media?q=%00")]
    [InlineData("/admin/content/create?type=CchcArticle%00")]
    public async Task NulInAStaffQueryString_Is400_WithAVietnameseMessageNamingTheParameter(string url)
    {
        var client = await LoginAsync("admin", WardAppFactory.AdminPassword);
        var res = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        var html = await res.Content.ReadAsStringAsync();
        Assert.Contains("chứa ký tự NUL (%00), không được phép", html);
        Assert.Contains(url.Contains("type=", StringComparison.Ordinal) ? "Tham số “type”" : "Tham số “q”", html);
    }

    [Fact]
    public async Task BodyOverTheFormLimit_ComesBackWithThePartsMessage_AndTheTypedText_OnCreateAndEdit()
    {
        var client = await LoginAsync("admin", WardAppFactory.AdminPassword);
        // Past the framework's default 4 MB form value limit, which used to answer with the error page.
        var body = "Văn bản dán nhầm hai lần. " + new string('x', 4_500_000);
        var url = $"/admin/content/create?type={Article}";

        var created = await client.PostFormAsync(url, url, Fields("Bài quá dài", body, ""));
        Assert.Equal(HttpStatusCode.BadRequest, created.StatusCode);
        var html = await created.Content.ReadAsStringAsync();
        var vi = System.Globalization.CultureInfo.GetCultureInfo("vi-VN");
        Assert.Contains($"Nội dung dài {body.Length.ToString("N0", vi)} ký tự, tối đa {WardCms.Core.Content.Parts.CommonPart.MaxBody.ToString("N0", vi)} ký tự.", html);
        Assert.Contains(body, html);
        Assert.Contains("Bài quá dài", html);

        var id = await CreateAsync(client, Article, Fields("Bài sẽ sửa quá dài", "Ngắn.", "qua-dai-" + Unique()));
        var edited = await SaveAsync(client, id, Fields("Bài sẽ sửa quá dài", body, ""));
        Assert.Equal(HttpStatusCode.BadRequest, edited.StatusCode);
        Assert.Contains(body, await edited.Content.ReadAsStringAsync());
        Assert.Equal(1, await CountAsync(db => db.ContentVersions.CountAsync(v => v.ContentItemId == id)));
    }

    [Fact]
    public async Task HandbookEntry_WithoutChapter_ShowsThePartsMessageNextToTheChapterField()
    {
        var client = await LoginAsync("admin", WardAppFactory.AdminPassword);
        var url = "/admin/content/create?type=HandbookEntry";
        var fields = Fields("Cách cài đặt VNeID", "Bước 1: tải ứng dụng.", "");
        fields.Add(new("Parts.handbook.Order", "abc"));

        var res = await client.PostFormAsync(url, url, fields);

        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        var html = await res.Content.ReadAsStringAsync();
        Assert.Contains("id=\"f-Parts-handbook-Chapter-err\">Chọn hoặc nhập chương của cẩm nang.</p>", html);
        Assert.Contains("id=\"f-Parts-handbook-Order-err\">Thứ tự trong chương: “abc” không hợp lệ", html);
        Assert.Matches("name=\"Parts.handbook.Order\" value=\"abc\"", html);
    }

    [Fact]
    public async Task RadioScript_CueRowsAndBroadcastFields_AreSavedByThePartsDataType()
    {
        var client = await LoginAsync("admin", WardAppFactory.AdminPassword);
        var fields = Fields("Bản tin CCHC tuần này", "Kính thưa bà con…", "");
        fields.AddRange(
        [
            new("Parts.broadcast.Announcer", "Nguyễn Thu Hà"),
            new("Parts.broadcast.AirDate", "2025-09-05"),
            new("Parts.broadcast.Slot", "06:30"),
            new("Parts.broadcast.Priority", "priority"),
            new("Parts.broadcast.Cues[0].Label", "Nhạc hiệu"),
            new("Parts.broadcast.Cues[0].InWords", "nhạc"),
            new("Parts.broadcast.Cues[0].OutWords", "hết nhạc"),
            new("Parts.broadcast.Cues[0].Seconds", "15"),
            new("Parts.broadcast.Cues[1].Label", ""),
            new("Parts.broadcast.Cues[1].Seconds", ""),
        ]);
        var id = await CreateAsync(client, "RadioScript", fields);

        var editor = await client.GetStringAsync($"/admin/content/edit/{id}");
        Assert.Contains("value=\"Nguyễn Thu Hà\"", editor);
        Assert.Contains("value=\"2025-09-05\"", editor);
        Assert.Contains("<option value=\"priority\" selected=\"selected\">", editor);
        Assert.Contains("name=\"Parts.broadcast.Cues[0].Label\" id=\"f-Parts-broadcast-Cues-0-Label\" value=\"Nhạc hiệu\"", editor);
        Assert.Contains("name=\"Parts.broadcast.Cues[2].Label\"", editor); // at least three rows to fill
    }

    private static Task<HttpResponseMessage> AutosaveAsync(HttpClient client, int id, List<KeyValuePair<string, string>> fields) =>
        client.PostFormAsync($"/admin/content/edit/{id}", $"/admin/content/edit/{id}?handler=Autosave", fields);

    /// <summary>Nothing typed is lost: the form kept while typing is offered back, shown on request, and gone once saved.</summary>
    [Fact]
    public async Task Autosave_IsOfferedBack_ShownInTheForm_AndGoneOnceSaved()
    {
        var editor = await LoginAsync("editor1", WardAppFactory.StaffPassword);
        var slug = "luu-tu-dong-" + Unique();
        var id = await CreateAsync(editor, Article, Fields("Bài lưu tự động", "Bản đã lưu.", slug));
        var baseVersion = await VersionIdAsync(id, 1);
        Assert.DoesNotContain("Khôi phục nội dung đang soạn", await editor.GetStringAsync($"/admin/content/edit/{id}"));

        var kept = await AutosaveAsync(editor, id, Fields("Bài lưu tự động", "Đoạn đang gõ dở khi trình duyệt bị tắt.", slug, baseVersion));
        Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
        Assert.Contains("Đã tự động lưu lúc", System.Text.RegularExpressions.Regex.Unescape(await kept.Content.ReadAsStringAsync()));
        Assert.Equal(1, await CountAsync(db => db.ContentVersions.CountAsync(v => v.ContentItemId == id))); // not a version

        var offered = WebUtility.HtmlDecode(await editor.GetStringAsync($"/admin/content/edit/{id}"));
        Assert.Contains("Có nội dung bạn đang soạn dở", offered);
        Assert.DoesNotContain("Đoạn đang gõ dở", offered); // the saved version until asked
        // Another person opening the item is offered nothing of it.
        var leader = await LoginAsync("leader1", WardAppFactory.StaffPassword);
        Assert.DoesNotContain("Khôi phục nội dung đang soạn", await leader.GetStringAsync($"/admin/content/edit/{id}"));

        var restored = WebUtility.HtmlDecode(await editor.GetStringAsync($"/admin/content/edit/{id}?tu-dong=1"));
        Assert.Contains("Biểu mẫu đang hiện nội dung bạn soạn dở", restored);
        Assert.Contains("Đoạn đang gõ dở khi trình duyệt bị tắt.</textarea>", restored);
        Assert.Contains($"name=\"BaseVersionId\" value=\"{baseVersion}\"", restored);

        // Someone else saving meanwhile does not hide it: it is still this person's text.
        Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync(leader, id, Fields("Bài lưu tự động", "Lãnh đạo sửa.", slug), baseVersion)).StatusCode);
        Assert.Contains("Có nội dung bạn đang soạn dở", WebUtility.HtmlDecode(await editor.GetStringAsync($"/admin/content/edit/{id}")));

        var latest = await VersionIdAsync(id, 2);
        Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync(editor, id, Fields("Bài lưu tự động", "Đoạn đang gõ dở khi trình duyệt bị tắt.", slug), latest)).StatusCode);
        Assert.Equal(0, await CountAsync(db => db.Set<EditorAutosave>().CountAsync(a => a.ContentItemId == id)));
        Assert.DoesNotContain("Khôi phục nội dung đang soạn", await editor.GetStringAsync($"/admin/content/edit/{id}"));

        // An autosave typed over an older version that arrives after this person's save is late: not kept.
        var late = await AutosaveAsync(editor, id, Fields("Bài lưu tự động", "Gửi muộn.", slug, latest));
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Equal(0, await CountAsync(db => db.Set<EditorAutosave>().CountAsync(a => a.ContentItemId == id)));
    }

    [Fact]
    public async Task Autosave_OfANewItem_IsOfferedOnTheNewItemForm_AndGoneOnceCreated()
    {
        var editor = await LoginAsync("editor2", WardAppFactory.StaffPassword);
        var url = $"/admin/content/create?type={Article}";
        Assert.DoesNotContain("Khôi phục nội dung đang soạn", await editor.GetStringAsync(url));
        var slug = "bai-moi-luu-tu-dong-" + Unique();
        var fields = Fields("Bài mới chưa kịp lưu", "Nội dung bài mới gõ dở.", slug);
        var unit = await CountAsync(db => db.Units.Where(u => u.Key == "kthtdt").Select(u => u.Id).FirstAsync());
        fields = [.. fields.Where(f => f.Key != "UnitId"), new("UnitId", unit.ToString())];
        Assert.Equal(HttpStatusCode.OK, (await editor.PostFormAsync(url, url + "&handler=Autosave", fields)).StatusCode);

        Assert.Contains("Có nội dung bạn đang soạn dở", WebUtility.HtmlDecode(await editor.GetStringAsync(url)));
        var restored = WebUtility.HtmlDecode(await editor.GetStringAsync(url + "&tu-dong=1"));
        Assert.Contains("Nội dung bài mới gõ dở.</textarea>", restored);
        Assert.Contains("value=\"Bài mới chưa kịp lưu\"", restored);
        // Another person's new-item form offers nothing of it.
        Assert.DoesNotContain("Khôi phục nội dung đang soạn", await (await LoginAsync("admin", WardAppFactory.AdminPassword)).GetStringAsync(url));

        await CreateAsync(editor, Article, fields);
        Assert.DoesNotContain("Khôi phục nội dung đang soạn", await editor.GetStringAsync(url));
    }

    [Fact]
    public async Task Autosave_OfAnItemTheEditorMayNotEdit_IsRefused_AndDiscardRemovesTheirOwn()
    {
        var admin = await LoginAsync("admin", WardAppFactory.AdminPassword);
        var slug = "luu-tu-dong-phong-khac-" + Unique();
        var fields = Fields("Bài của phòng khác", "Bản đầu.", slug);
        var other = await CountAsync(db => db.Units.Where(u => u.Key == "kthtdt").Select(u => u.Id).FirstAsync());
        fields = [.. fields.Where(f => f.Key != "UnitId"), new("UnitId", other.ToString())];
        var id = await CreateAsync(admin, Article, fields);

        var editor = await LoginAsync("editor1", WardAppFactory.StaffPassword);
        var refused = await editor.PostAsync($"/admin/content/edit/{id}?handler=Autosave", new FormUrlEncodedContent(
        [
            new("Body", "Không được giữ."),
            new("__RequestVerificationToken", await editor.GetAntiforgeryTokenAsync("/admin/content/create?type=CchcArticle")),
        ]));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("không còn quyền sửa mục này", System.Text.RegularExpressions.Regex.Unescape(await refused.Content.ReadAsStringAsync()));
        Assert.Equal(0, await CountAsync(db => db.Set<EditorAutosave>().CountAsync(a => a.ContentItemId == id)));

        Assert.Equal(HttpStatusCode.OK, (await AutosaveAsync(admin, id, Fields("Bài của phòng khác", "Bản gõ dở của quản trị.", slug))).StatusCode);
        var discard = await admin.PostFormAsync($"/admin/content/edit/{id}", $"/admin/content/edit/{id}?handler=DiscardAutosave", []);
        Assert.Equal(HttpStatusCode.Redirect, discard.StatusCode);
        Assert.Equal(0, await CountAsync(db => db.Set<EditorAutosave>().CountAsync(a => a.ContentItemId == id)));
        Assert.Equal("Bản đầu.", await CountAsync(db => db.ContentVersions.Where(v => v.ContentItemId == id).Select(v => v.Body).SingleAsync()));
    }

    [Fact]
    public async Task TwoSavesFromTheSameVersion_SecondGets409NamingTheFirstSaver_AndKeepsItsText()
    {
        var admin = await LoginAsync("admin", WardAppFactory.AdminPassword);
        var leader = await LoginAsync("leader1", WardAppFactory.StaffPassword);
        var slug = "thu-tuc-dat-dai-" + Unique();
        var id = await CreateAsync(admin, Article, Fields("Thủ tục đất đai", "Bản đầu.", slug));
        var baseVersion = await VersionIdAsync(id, 1);

        var first = await SaveAsync(leader, id, Fields("Thủ tục đất đai", "Lãnh đạo sửa.", slug), baseVersion);
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        var second = await SaveAsync(admin, id, Fields("Thủ tục đất đai", "Quản trị sửa cùng lúc.", slug), baseVersion);

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        var html = await second.Content.ReadAsStringAsync();
        Assert.Contains("Bài đã được Cán bộ leader1 lưu lúc", html);
        Assert.Contains("(phiên bản 2) trong khi bạn đang sửa", html);
        Assert.Contains("Quản trị sửa cùng lúc.", html);
        Assert.Equal(2, await CountAsync(db => db.ContentVersions.CountAsync(v => v.ContentItemId == id)));

        // Keeping their text and saving over the newer version is an explicit choice.
        var latest = await VersionIdAsync(id, 2);
        var over = await SaveAsync(admin, id, Fields("Thủ tục đất đai", "Quản trị sửa cùng lúc.", slug), baseVersion, [new("SaveOverVersionId", latest.ToString())]);
        Assert.Equal(HttpStatusCode.Redirect, over.StatusCode);
        Assert.Equal(3, await CountAsync(db => db.ContentVersions.CountAsync(v => v.ContentItemId == id)));
    }

    [Fact]
    public async Task MissingItemInTheAdmin_Is404InTheAdminLayout_NotThePublicPage()
    {
        var client = await LoginAsync("editor1", WardAppFactory.StaffPassword);

        var res = await client.GetAsync("/admin/content/edit/987654321");

        Assert.Equal(HttpStatusCode.NotFound, res.StatusCode);
        var html = await res.Content.ReadAsStringAsync();
        Assert.Contains("Không tìm thấy mục này", html);
        Assert.Contains("href=\"/admin/content/trash\"", html);
        Assert.DoesNotContain("Về trang chủ", html);
    }

    [Fact]
    public async Task TrashAndRestore_ItemLeavesTheListAndComesBackAsADraft()
    {
        var client = await LoginAsync("admin", WardAppFactory.AdminPassword);
        var title = "Thông báo nghỉ lễ " + Unique();
        var id = await CreateAsync(client, Article, Fields(title, "Nghỉ lễ Quốc khánh.", ""));

        var trash = await client.PostFormAsync($"/admin/content/edit/{id}", $"/admin/content/edit/{id}?handler=Trash", []);
        Assert.Equal(HttpStatusCode.Redirect, trash.StatusCode);
        Assert.DoesNotContain($"href=\"/admin/content/edit/{id}\"", await client.GetStringAsync($"/admin/content?type={Article}&q={Uri.EscapeDataString(title)}"));
        var trashPage = await client.GetStringAsync("/admin/content/trash");
        Assert.Contains(title, trashPage);
        Assert.Contains("Quản trị hệ thống", trashPage); // who deleted it

        var restore = await client.PostFormAsync("/admin/content/trash", $"/admin/content/trash?id={id}&handler=Restore", []);
        Assert.Equal(HttpStatusCode.Redirect, restore.StatusCode);
        Assert.Contains($"href=\"/admin/content/edit/{id}\"", await client.GetStringAsync($"/admin/content?type={Article}&q={Uri.EscapeDataString(title)}"));
        Assert.DoesNotContain($"?id={id}&amp;handler=restore", await client.GetStringAsync("/admin/content/trash"));
        Assert.Equal(1, await CountAsync(db => db.ContentItems.CountAsync(i => i.Id == id)));
    }

    [Fact]
    public async Task EditorOfOneUnit_CannotOpenOrEditAnotherUnitsItem_AndDoesNotSeeItInTheList()
    {
        var admin = await LoginAsync("admin", WardAppFactory.AdminPassword);
        var otherUnit = await CountAsync(db => db.Units.Where(u => u.Key == "kthtdt").Select(u => u.Id).FirstAsync());
        var title = "Hỗ trợ đầu tư doanh nghiệp " + Unique();
        var fields = Fields(title, "Nội dung của phòng Kinh tế.", "");
        fields.RemoveAll(f => f.Key == "UnitId");
        fields.Add(new("UnitId", otherUnit.ToString()));
        var id = await CreateAsync(admin, Article, fields);

        var editor = await LoginAsync("editor1", WardAppFactory.StaffPassword);
        var open = await editor.GetAsync($"/admin/content/edit/{id}");
        Assert.Equal(HttpStatusCode.Forbidden, open.StatusCode);
        Assert.Contains("Mục này thuộc phòng khác", await open.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await editor.GetAsync($"/admin/content/versions/{id}")).StatusCode);
        var post = await editor.PostFormAsync($"/admin/content?type={Article}", $"/admin/content/edit/{id}", Fields("Sửa trộm", "x", "", await VersionIdAsync(id, 1)));
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.DoesNotContain(title, await editor.GetStringAsync($"/admin/content?type={Article}"));
        Assert.Equal(1, await CountAsync(db => db.ContentVersions.CountAsync(v => v.ContentItemId == id)));

        // Nor can they file a new item under the other unit.
        var url = $"/admin/content/create?type={Article}";
        var filed = fields.Where(f => f.Key != "Title").Append(new("Title", "Bài xếp nhầm phòng " + Unique()));
        var misfiled = await editor.PostFormAsync(url, url, filed);
        Assert.Equal(HttpStatusCode.BadRequest, misfiled.StatusCode);
        Assert.Contains("Bạn chỉ được xếp bài vào phòng của mình.", await misfiled.Content.ReadAsStringAsync());

        // The other unit's editor sees and opens it.
        var owner = await LoginAsync("editor2", WardAppFactory.StaffPassword);
        Assert.Contains(title, await owner.GetStringAsync($"/admin/content?type={Article}"));
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync($"/admin/content/edit/{id}")).StatusCode);
    }

    [Fact]
    public async Task EditorWithoutPublishPermission_Gets403OnPublish_AndSeesNoPublishButton()
    {
        var editor = await LoginAsync("editor1", WardAppFactory.StaffPassword);
        var id = await CreateAsync(editor, Article, Fields("Bài của biên tập viên " + Unique(), "Nội dung.", ""));
        var page = await editor.GetStringAsync($"/admin/content/edit/{id}");
        Assert.DoesNotContain("handler=publish", page, StringComparison.OrdinalIgnoreCase);

        var res = await PublishAsync(editor, id);

        Assert.Equal(HttpStatusCode.Forbidden, res.StatusCode);
        Assert.Null(await CountAsync(db => db.ContentItems.Where(i => i.Id == id).Select(i => i.PublishedVersionId).FirstAsync()));
    }

    [Fact]
    public async Task Preview_RendersWithTheServersMarkdown_AndRefusesAPostWithoutTheAntiforgeryHeader()
    {
        var client = await LoginAsync("admin", WardAppFactory.AdminPassword);
        var token = await client.GetAntiforgeryTokenAsync($"/admin/content/create?type={Article}");
        var form = new Dictionary<string, string> { ["markdown"] = "## Mục 1\n\n| A | B |\n| --- | --- |\n| 1 | 2 |\n\n<b>raw</b>" };

        var request = new HttpRequestMessage(HttpMethod.Post, "/admin/content/preview") { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add("X-CSRF-TOKEN", token);
        var ok = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var html = await ok.Content.ReadAsStringAsync();
        Assert.Contains("<h2 id=\"muc-1\">Mục 1</h2>", html);
        Assert.Contains("<table>", html);
        Assert.Contains("&lt;b&gt;raw&lt;/b&gt;", html);

        var refused = await client.PostAsync("/admin/content/preview", new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
    }

    [Fact]
    public async Task List_FiltersByStatusAndFoldedText_KeepsFilterValues_AndIgnoresBadValues()
    {
        var client = await LoginAsync("admin", WardAppFactory.AdminPassword);
        var tag = Unique();
        var title = $"Đăng ký tạm trú trực tuyến {tag}";
        await CreateAsync(client, Article, Fields(title, "Hướng dẫn.", ""));

        var found = await client.GetStringAsync($"/admin/content?type={Article}&status=nhap&q={Uri.EscapeDataString("dang ky tam tru " + tag)}");
        Assert.Contains(title, found);
        Assert.Contains($"value=\"dang ky tam tru {tag}\"", found);
        Assert.Contains("<option value=\"nhap\" selected=\"selected\">", found);

        var published = await client.GetStringAsync($"/admin/content?type={Article}&status=da-xuat-ban&q={tag}");
        Assert.DoesNotContain(title, published);

        var bad = await client.GetAsync($"/admin/content?type={Article}&status=zzz&unit=abc&topic=99999&author=nobody&trang=-4");
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("Bài viết CCHC", await bad.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task List_PagesTwentyItemsAndFiltersByTopic()
    {
        var client = await LoginAsync("admin", WardAppFactory.AdminPassword);
        var html = await client.GetStringAsync($"/admin/content?type={Article}");
        Assert.Equal(20, Regex.Matches(html, "class=\"item-title\" href=\"/admin/content/edit/\\d+\"").Count);
        Assert.Contains("trang=2", html);

        var term = await CountAsync(db => db.Terms.Where(t => t.Key == "g").Select(t => t.Id).FirstAsync());
        var title = "Chuyển đổi số ở tổ dân phố " + Unique();
        var fields = Fields(title, "Nội dung.", "");
        fields.Add(new("Parts.topics.TermIds", term.ToString()));
        await CreateAsync(client, Article, fields);
        Assert.Contains(title, await client.GetStringAsync($"/admin/content?type={Article}&topic={term}"));
        var otherTerm = await CountAsync(db => db.Terms.Where(t => t.Key == "a").Select(t => t.Id).FirstAsync());
        Assert.DoesNotContain(title, await client.GetStringAsync($"/admin/content?type={Article}&topic={otherTerm}"));
    }

    private static string Unique() => Guid.NewGuid().ToString("N")[..8];

    private List<KeyValuePair<string, string>> Fields(string title, string body, string slug, int? baseVersionId = null, string note = "")
    {
        var unit = CountAsync(db => db.Units.Where(u => u.Key == "vhxh").Select(u => u.Id).FirstAsync()).GetAwaiter().GetResult();
        var fields = new List<KeyValuePair<string, string>>
        {
            new("Title", title),
            new("Summary", "Tóm tắt " + title),
            new("Body", body),
            new("AuthorName", "Phòng Văn hoá – Xã hội"),
            new("UnitId", unit.ToString()),
            new("Slug", slug),
            new("Note", note),
        };
        if (baseVersionId is { } b)
        {
            fields.Add(new("BaseVersionId", b.ToString()));
        }
        return fields;
    }

    private async Task<HttpClient> LoginAsync(string user, string password)
    {
        var client = factory.CreateBrowserClient();
        var res = await client.LoginAsync(user, password);
        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
        return client;
    }

    private static async Task<int> CreateAsync(HttpClient client, string type, List<KeyValuePair<string, string>> fields)
    {
        var url = $"/admin/content/create?type={type}";
        var res = await client.PostFormAsync(url, url, fields);
        Assert.True(res.StatusCode == HttpStatusCode.Redirect, await res.Content.ReadAsStringAsync());
        var m = Regex.Match(res.Headers.Location!.OriginalString, @"/admin/content/edit/(\d+)$");
        Assert.True(m.Success, res.Headers.Location.OriginalString);
        return int.Parse(m.Groups[1].Value);
    }

    private async Task<HttpResponseMessage> SaveAsync(HttpClient client, int id, List<KeyValuePair<string, string>> fields, int? baseVersionId = null, IEnumerable<KeyValuePair<string, string>>? extra = null)
    {
        var baseId = baseVersionId ?? await CountAsync(db => db.ContentItems.Where(i => i.Id == id).Select(i => i.LatestVersionId!.Value).FirstAsync());
        var all = fields.Where(f => f.Key != "BaseVersionId").Append(new("BaseVersionId", baseId.ToString())).Concat(extra ?? []);
        return await client.PostFormAsync($"/admin/content/edit/{id}", $"/admin/content/edit/{id}", all);
    }

    // The edit page's publish button, pressed while the latest version is on screen (or the one given).
    private async Task<HttpResponseMessage> PublishAsync(HttpClient client, int id, int? seenVersionId = null)
    {
        var seen = seenVersionId ?? await CountAsync(db => db.ContentItems.Where(i => i.Id == id).Select(i => i.LatestVersionId!.Value).FirstAsync());
        return await client.PostFormAsync($"/admin/content/edit/{id}", $"/admin/content/edit/{id}?handler=Publish", [new("VersionId", seen.ToString())]);
    }

    private Task<int> VersionIdAsync(int itemId, int number) =>
        CountAsync(db => db.ContentVersions.Where(v => v.ContentItemId == itemId && v.Number == number).Select(v => v.Id).FirstAsync());

    private async Task<T> CountAsync<T>(Func<WardDbContext, Task<T>> query) =>
        await factory.WithScopeAsync(sp => query(sp.GetRequiredService<WardDbContext>()));
}

public sealed class SqliteContentAdminTests(SqliteAppFactory f) : ContentAdminTests<SqliteAppFactory>(f);

public sealed class PostgresContentAdminTests(PostgresAppFactory f) : ContentAdminTests<PostgresAppFactory>(f);
