using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WardCms.Core.Data;
using WardCms.Core.Radio;
using WardCms.Tests.Infrastructure;

namespace WardCms.Tests.Radio;

/// <summary>The announcer screen: reading pace, the staff account each announcer reads as, and what the link is for.</summary>
public abstract class AnnouncerScreenTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : WardAppFactory
{
    private const string AddUrl = "/admin/radio/announcers/edit";

    private async Task<HttpClient> ClientAsync(string user = "radio1")
    {
        var client = factory.CreateBrowserClient();
        var login = await client.LoginAsync(user, user == "admin" ? WardAppFactory.AdminPassword : WardAppFactory.StaffPassword);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        return client;
    }

    private Task<string> UserIdAsync(string userName) => factory.WithScopeAsync(sp =>
        sp.GetRequiredService<WardDbContext>().Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync());

    private Task<List<Announcer>> AnnouncersAsync() => factory.WithScopeAsync(sp =>
        sp.GetRequiredService<WardDbContext>().Set<Announcer>().AsNoTracking().OrderBy(a => a.Id).ToListAsync());

    private static Task<HttpResponseMessage> SaveAsync(HttpClient client, string url, string name, string rate, string userId = "", bool active = true) =>
        client.PostFormAsync(url, url, [new("Name", name), new("Rate", rate), new("UserId", userId), new("IsActive", active ? "true" : "false")]);

    private async Task<Announcer> AddAsync(HttpClient client, string name, string rate = "180", string userId = "")
    {
        var res = await SaveAsync(client, AddUrl, name, rate, userId);
        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
        return (await AnnouncersAsync()).Single(a => a.Name == name.Normalize(System.Text.NormalizationForm.FormC));
    }

    [Fact]
    public async Task Add_WithRateAndLinkedAccount_IsStoredNfc_AndListedWithTheAccount()
    {
        var client = await ClientAsync();
        var editor2 = await UserIdAsync("editor2");
        // "Hoà" typed in decomposed form (NFD) is stored composed.
        var decomposed = "Trần Văn Hoà Một".Normalize(System.Text.NormalizationForm.FormD);

        var a = await AddAsync(client, decomposed, "175", editor2);

        Assert.Equal("Trần Văn Hoà Một".Normalize(System.Text.NormalizationForm.FormC), a.Name);
        Assert.Equal(175, a.SyllablesPerMinute);
        Assert.Equal(editor2, a.UserId);
        Assert.True(a.IsActive);
        var html = await client.GetStringAsync("/admin/radio/announcers");
        Assert.Contains("Trần Văn Hoà Một", html);
        Assert.Contains("(editor2)", html);
        Assert.Contains("175 tiếng/phút", html);
    }

    [Theory]
    [InlineData("79")]
    [InlineData("401")]
    [InlineData("")]
    [InlineData("nhanh")]
    public async Task Add_WithRateOutsideEightyToFourHundred_Is422WithAVietnameseMessage_AndStoresNothing(string rate)
    {
        var client = await ClientAsync();
        var before = await AnnouncersAsync();

        var res = await SaveAsync(client, AddUrl, "Người đọc sai tốc độ " + rate, rate);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, res.StatusCode);
        Assert.Contains("Tốc độ đọc phải từ 80 đến 400 tiếng/phút.", await res.Content.ReadAsStringAsync());
        Assert.Equal(before.Count, (await AnnouncersAsync()).Count);
    }

    [Fact]
    public async Task Add_WithoutName_Is422_AndStoresNothing()
    {
        var client = await ClientAsync();
        var before = await AnnouncersAsync();

        var res = await SaveAsync(client, AddUrl, "   ", "200");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, res.StatusCode);
        Assert.Contains("Hãy nhập họ tên phát thanh viên.", await res.Content.ReadAsStringAsync());
        Assert.Equal(before.Count, (await AnnouncersAsync()).Count);
    }

    [Fact]
    public async Task LinkingAnAccountAlreadyLinkedToAnotherAnnouncer_Is422_AndBothAnnouncersStayAsTheyWere()
    {
        var client = await ClientAsync();
        var leader = await UserIdAsync("leader1");
        var first = await AddAsync(client, "Phát thanh viên Thứ Nhất", "200", leader);
        var second = await AddAsync(client, "Phát thanh viên Thứ Hai", "210");

        var url = $"/admin/radio/announcers/edit/{second.Id}";
        var res = await SaveAsync(client, url, "Phát thanh viên Thứ Hai (đổi tên)", "220", leader);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, res.StatusCode);
        var html = await res.Content.ReadAsStringAsync();
        Assert.Contains("Tài khoản leader1 đã gắn với phát thanh viên “Phát thanh viên Thứ Nhất”", html);
        var after = await AnnouncersAsync();
        Assert.Equal(leader, after.Single(a => a.Id == first.Id).UserId);
        var unchanged = after.Single(a => a.Id == second.Id);
        Assert.Equal(("Phát thanh viên Thứ Hai", 210, (string?)null), (unchanged.Name, unchanged.SyllablesPerMinute, unchanged.UserId));
    }

    [Fact]
    public async Task Add_WithAnUnknownAccount_Is422_AndStoresNothing()
    {
        var client = await ClientAsync();
        var before = await AnnouncersAsync();

        var res = await SaveAsync(client, AddUrl, "Người gắn tài khoản lạ", "200", "khong-co-tai-khoan-nay");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, res.StatusCode);
        Assert.Contains("Tài khoản đã chọn không tồn tại.", await res.Content.ReadAsStringAsync());
        Assert.Equal(before.Count, (await AnnouncersAsync()).Count);
    }

    [Fact]
    public async Task Edit_ChangesRateAndLink_ThenDeactivate_HidesTheAnnouncerFromNewBulletins_ButKeepsTheRow()
    {
        var client = await ClientAsync();
        var a = await AddAsync(client, "Lê Thị Thu Sửa", "190");
        var editor1 = await UserIdAsync("editor1");
        var url = $"/admin/radio/announcers/edit/{a.Id}";
        Assert.Contains("value=\"190\"", await client.GetStringAsync(url));

        var edit = await SaveAsync(client, url, "Lê Thị Thu Sửa", "240", editor1);
        Assert.Equal(HttpStatusCode.Redirect, edit.StatusCode);
        var edited = (await AnnouncersAsync()).Single(x => x.Id == a.Id);
        Assert.Equal((240, editor1), (edited.SyllablesPerMinute, edited.UserId));
        Assert.Contains("Lê Thị Thu Sửa", await client.GetStringAsync("/admin/radio/bulletins/edit"));

        var off = await client.PostFormAsync("/admin/radio/announcers", $"/admin/radio/announcers?handler=active&id={a.Id}", [new("active", "false")]);
        Assert.Equal(HttpStatusCode.Redirect, off.StatusCode);

        Assert.False((await AnnouncersAsync()).Single(x => x.Id == a.Id).IsActive);
        Assert.Contains("Ngừng hoạt động", await client.GetStringAsync("/admin/radio/announcers"));
        Assert.DoesNotContain("Lê Thị Thu Sửa", await client.GetStringAsync("/admin/radio/bulletins/edit"));
    }

    [Fact]
    public async Task Edit_OfAnUnknownAnnouncer_Is404_AndAPostToItAddsNothing()
    {
        var client = await ClientAsync();
        var before = await AnnouncersAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/admin/radio/announcers/edit/987654")).StatusCode);
        var post = await client.PostFormAsync(AddUrl, "/admin/radio/announcers/edit/987654",
            [new("Name", "Không có thật"), new("Rate", "200"), new("IsActive", "true")]);

        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Equal(before.Count, (await AnnouncersAsync()).Count);
    }

    [Fact]
    public async Task MarkAired_PrefillsTheAnnouncerLinkedToTheSignedInUser_AndOthersKeepThePlannedOne()
    {
        var radio = await ClientAsync();
        var radio1 = await UserIdAsync("radio1");
        await AddAsync(radio, "Đỗ Minh Đài", "200", radio1);
        var script = await factory.WithScopeAsync(sp => sp.GetRequiredService<WardDbContext>().ContentItems
            .Where(i => i.ContentType == "RadioScript" && i.PublishedVersionId != null).OrderBy(i => i.Id).Select(i => i.Id).FirstAsync());
        var url = $"/admin/radio/mark-aired?scriptId={script}";

        var mine = await radio.GetStringAsync(url);
        var admins = await (await ClientAsync("admin")).GetStringAsync(url);

        Assert.Contains("value=\"Đỗ Minh Đài\"", AnnouncerField(mine));
        Assert.DoesNotContain("Đỗ Minh Đài", AnnouncerField(admins));
        // The linked name is also offered to everyone as a suggestion.
        Assert.Contains("<option value=\"Đỗ Minh Đài\">", admins);
    }

    private static string AnnouncerField(string html) =>
        System.Text.RegularExpressions.Regex.Match(html, "<input[^>]*name=\"Input.Announcer\"[^>]*>").Value is { Length: > 0 } tag ? tag : throw new Xunit.Sdk.XunitException("no announcer field");

    [Theory]
    [InlineData("editor1")]
    [InlineData("reviewer1")]
    [InlineData("leader1")]
    public async Task AnnouncerScreen_ForStaffWithoutTheRadioRole_IsRefused_AndAPostChangesNothing(string user)
    {
        var radio = await ClientAsync();
        var token = await radio.GetAntiforgeryTokenAsync(AddUrl);
        var client = await ClientAsync(user);
        var before = await AnnouncersAsync();

        foreach (var url in new[] { "/admin/radio/announcers", AddUrl })
        {
            var get = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, get.StatusCode);
            Assert.StartsWith("/account/denied", get.Headers.Location!.PathAndQuery(), StringComparison.OrdinalIgnoreCase);
        }
        // A post with a token from someone else's page is refused too, before anything is stored.
        var post = await client.PostAsync(AddUrl, new FormUrlEncodedContent(
            [new("Name", "Không được thêm"), new("Rate", "200"), new("IsActive", "true"), new("__RequestVerificationToken", token)]));
        Assert.True(post.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.BadRequest or HttpStatusCode.Forbidden, $"got {(int)post.StatusCode}");
        Assert.False(post.StatusCode == HttpStatusCode.Redirect && !post.Headers.Location!.PathAndQuery().StartsWith("/account/", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(before.Count, (await AnnouncersAsync()).Count);
    }
}

internal static class LocationExtensions
{
    // Redirects come back absolute or relative depending on the host; compare paths.
    public static string PathAndQuery(this Uri location) => location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
}

public sealed class SqliteAnnouncerScreenTests(SqliteAppFactory f) : AnnouncerScreenTests<SqliteAppFactory>(f);

public sealed class PostgresAnnouncerScreenTests(PostgresAppFactory f) : AnnouncerScreenTests<PostgresAppFactory>(f);
