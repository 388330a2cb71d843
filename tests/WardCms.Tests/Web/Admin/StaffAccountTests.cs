using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WardCms.Core.Data;
using WardCms.Core.Security;
using WardCms.Tests.Infrastructure;

namespace WardCms.Tests.Web.Admin;

public abstract partial class StaffAccountTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : WardAppFactory
{
    private async Task<HttpClient> AdminAsync()
    {
        var client = factory.CreateBrowserClient();
        await client.LoginAsync("admin", WardAppFactory.AdminPassword);
        return client;
    }

    private async Task<int> UnitIdAsync(string key) =>
        await factory.WithScopeAsync(sp => sp.GetRequiredService<WardDbContext>().Units.Where(u => u.Key == key).Select(u => u.Id).FirstAsync());

    [Fact]
    public async Task CreateStaff_WithRoleAndUnit_CanLogInAndGetsTheRolePermissions()
    {
        var client = await AdminAsync();
        var unit = await UnitIdAsync("kthtdt");
        var res = await client.PostFormAsync("/admin/users/edit", "/admin/users/edit",
        [
            new("Input.UserName", "nguyen.van.a"), new("Input.FullName", "Nguyễn Văn A"), new("Input.UnitId", unit.ToString()),
            new("Input.Roles", "editor"), new("Input.Password", "Mat-khau-2025"),
        ]);
        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);

        var staff = factory.CreateBrowserClient();
        var login = await staff.LoginAsync("nguyen.van.a", "Mat-khau-2025");
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync("/admin")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await staff.GetAsync("/admin/users")).StatusCode); // editors do not manage users
        var user = await factory.WithScopeAsync(sp => sp.GetRequiredService<UserManager<StaffUser>>().FindByNameAsync("nguyen.van.a"));
        Assert.Equal(unit, user!.UnitId);
        Assert.Equal("Nguyễn Văn A", user.FullName);
    }

    [Fact]
    public async Task CreateStaff_WithBadInput_Is400WithMessagesAndStoresNothing()
    {
        var client = await AdminAsync();
        var before = await factory.WithScopeAsync(sp => sp.GetRequiredService<WardDbContext>().Users.CountAsync());
        var res = await client.PostFormAsync("/admin/users/edit", "/admin/users/edit",
        [
            new("Input.UserName", "x y"), new("Input.FullName", ""), new("Input.Email", "khong-phai-email"), new("Input.Roles", "khong-co"),
        ]);
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        var html = await res.Content.ReadAsStringAsync();
        Assert.Contains("Tên đăng nhập dài 3–64 ký tự", html);
        Assert.Contains("Nhập họ và tên", html);
        Assert.Contains("không phải địa chỉ thư điện tử hợp lệ", html);
        Assert.Contains("Vai trò không tồn tại: khong-co", html);
        Assert.Equal(before, await factory.WithScopeAsync(sp => sp.GetRequiredService<WardDbContext>().Users.CountAsync()));
    }

    [Fact]
    public async Task DeactivatedStaff_CannotLogIn_AndCanBeReactivated()
    {
        var client = await AdminAsync();
        await client.PostFormAsync("/admin/users/edit", "/admin/users/edit",
            [new("Input.UserName", "tam.nghi"), new("Input.FullName", "Trần Thị Tạm"), new("Input.Roles", "editor"), new("Input.Password", "Mat-khau-2025")]);
        var id = await factory.WithScopeAsync(async sp => (await sp.GetRequiredService<UserManager<StaffUser>>().FindByNameAsync("tam.nghi"))!.Id);

        var off = await client.PostFormAsync($"/admin/users/edit/{id}", $"/admin/users/edit/{id}?handler=Deactivate", []);
        Assert.Equal(HttpStatusCode.Redirect, off.StatusCode);
        var refused = await factory.CreateBrowserClient().LoginAsync("tam.nghi", "Mat-khau-2025");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("Tài khoản đã ngừng hoạt động", await refused.Content.ReadAsStringAsync());

        await client.PostFormAsync($"/admin/users/edit/{id}", $"/admin/users/edit/{id}?handler=Activate", []);
        Assert.Equal(HttpStatusCode.Redirect, (await factory.CreateBrowserClient().LoginAsync("tam.nghi", "Mat-khau-2025")).StatusCode);
    }

    [Fact]
    public async Task ResetPassword_ShowsANewPasswordOnceThatWorks()
    {
        var client = await AdminAsync();
        await client.PostFormAsync("/admin/users/edit", "/admin/users/edit",
            [new("Input.UserName", "quen.mk"), new("Input.FullName", "Lê Văn Quên"), new("Input.Roles", "radio"), new("Input.Password", "Mat-khau-2025")]);
        var id = await factory.WithScopeAsync(async sp => (await sp.GetRequiredService<UserManager<StaffUser>>().FindByNameAsync("quen.mk"))!.Id);
        var res = await client.PostFormAsync($"/admin/users/edit/{id}", $"/admin/users/edit/{id}?handler=ResetPassword", []);
        var html = await res.Content.ReadAsStringAsync();
        var password = NewPasswordRegex().Match(html).Groups[1].Value;
        Assert.NotEmpty(password);
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateBrowserClient().LoginAsync("quen.mk", "Mat-khau-2025")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await factory.CreateBrowserClient().LoginAsync("quen.mk", password)).StatusCode);
    }

    [Fact]
    public async Task SignIn_UnknownNameWrongPasswordAndRefusedName_GetTheSameAnswer()
    {
        await CreateStaffAsync("cung.tra.loi");
        var refusedFrom = Client();
        for (var i = 0; i < 5; i++)
        {
            await refusedFrom.LoginAsync("cung.tra.loi", "sai-mat-khau-" + i);
        }

        var unknown = await Client().LoginAsync("khong.co.ai", "Mat-khau-2025");
        var wrong = await Client().LoginAsync("cung.tra.loi", "sai-mat-khau");
        var refused = await refusedFrom.LoginAsync("cung.tra.loi", "Mat-khau-2025");

        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        var expected = await ComparableAsync(unknown);
        Assert.Contains("Tên đăng nhập hoặc mật khẩu không đúng.", expected);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(expected, await ComparableAsync(wrong));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(expected, await ComparableAsync(refused));
    }

    [Fact]
    public async Task SignIn_AfterAStrangerRefusesTheAccountFromTheirAddress_TheRealUserStillSignsInFromTheirs()
    {
        await CreateStaffAsync("bi.khoa");
        var stranger = Client();
        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await stranger.LoginAsync("bi.khoa", "sai-mat-khau-" + i)).StatusCode);
        }
        // Even the right password is refused from the stranger's address now.
        Assert.Equal(HttpStatusCode.Unauthorized, (await stranger.LoginAsync("bi.khoa", "Mat-khau-2025")).StatusCode);

        var owner = Client();
        Assert.Equal(HttpStatusCode.Redirect, (await owner.LoginAsync("bi.khoa", "Mat-khau-2025")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync("/admin")).StatusCode);
    }

    [Fact]
    public async Task SignIn_TwentyWrongGuessesFromOneAddress_ThenIs429WithAVietnameseMessage()
    {
        var guesser = Client();
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await guesser.LoginAsync("nguoi" + i, "mat-khau-doan-" + i)).StatusCode);
        }

        var blocked = await guesser.LoginAsync("admin", WardAppFactory.AdminPassword);

        Assert.Equal(HttpStatusCode.TooManyRequests, blocked.StatusCode);
        Assert.Contains("Địa chỉ mạng của bạn đã đăng nhập sai 20 lần trong 15 phút", await blocked.Content.ReadAsStringAsync());
        Assert.Equal(TimeSpan.FromMinutes(15), blocked.Headers.RetryAfter?.Delta);
        // Other addresses are not affected.
        Assert.Equal(HttpStatusCode.Redirect, (await Client().LoginAsync("admin", WardAppFactory.AdminPassword)).StatusCode);
    }

    [Fact]
    public async Task LoginPage_StatesTheLimitsInVietnamese()
    {
        var html = await Client().GetStringAsync("/account/login");

        Assert.Contains("Mỗi tên đăng nhập được nhập sai tối đa 5 lần trong 15 phút từ cùng một địa chỉ mạng", html);
        Assert.Contains("mỗi địa chỉ mạng tối đa 20 lần", html);
    }

    [Fact]
    public async Task Logout_ThenTheOldCookieReplayed_IsSentToTheLoginPage()
    {
        await CreateStaffAsync("dang.xuat");
        var staff = Client();
        var cookie = AuthCookie(await staff.LoginAsync("dang.xuat", "Mat-khau-2025"));
        Assert.Equal(HttpStatusCode.OK, (await Replay(cookie).GetAsync("/admin")).StatusCode);

        var logout = await staff.PostFormAsync("/admin", "/account/logout", []);
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);

        var replayed = await Replay(cookie).GetAsync("/admin");
        Assert.Equal(HttpStatusCode.Redirect, replayed.StatusCode);
        Assert.StartsWith("/account/login", replayed.Headers.Location!.PathAndQuery, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Deactivation_EndsTheUsersOpenSessionAtOnce()
    {
        await CreateStaffAsync("nghi.viec");
        var staff = Client();
        await staff.LoginAsync("nghi.viec", "Mat-khau-2025");
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync("/admin")).StatusCode);
        var id = await UserIdAsync("nghi.viec");

        await (await AdminAsync()).PostFormAsync($"/admin/users/edit/{id}", $"/admin/users/edit/{id}?handler=Deactivate", []);

        var after = await staff.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/account/login", after.Headers.Location!.PathAndQuery, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task AccountMadeInactiveWithoutAStampChange_StillLosesItsSession()
    {
        await CreateStaffAsync("tat.truc.tiep");
        var staff = Client();
        await staff.LoginAsync("tat.truc.tiep", "Mat-khau-2025");
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync("/admin")).StatusCode);

        await factory.WithScopeAsync(sp => sp.GetRequiredService<WardDbContext>().Users
            .Where(u => u.UserName == "tat.truc.tiep").ExecuteUpdateAsync(u => u.SetProperty(x => x.IsActive, false)));

        Assert.Equal(HttpStatusCode.Redirect, (await staff.GetAsync("/admin")).StatusCode);
    }

    [Fact]
    public async Task PasswordReset_EndsTheUsersOpenSessionsAtOnce()
    {
        await CreateStaffAsync("doi.mat.khau");
        var staff = Client();
        var cookie = AuthCookie(await staff.LoginAsync("doi.mat.khau", "Mat-khau-2025"));
        var id = await UserIdAsync("doi.mat.khau");

        await (await AdminAsync()).PostFormAsync($"/admin/users/edit/{id}", $"/admin/users/edit/{id}?handler=ResetPassword", []);

        Assert.Equal(HttpStatusCode.Redirect, (await staff.GetAsync("/admin")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await Replay(cookie).GetAsync("/admin")).StatusCode);
    }

    [Fact]
    public async Task SignedInStaff_StaySignedInAcrossRequests()
    {
        var admin = await AdminAsync();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/admin/users")).StatusCode);
        }
    }

    [Fact]
    public async Task Login_WithoutAntiforgeryToken_IsRejected()
    {
        var client = factory.CreateBrowserClient();
        var res = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["UserName"] = "admin", ["Password"] = WardAppFactory.AdminPassword }));
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
    }

    private static int _address;

    /// <summary>A browser at an address of its own.</summary>
    private HttpClient Client()
    {
        var client = factory.CreateBrowserClient();
        var n = Interlocked.Increment(ref _address);
        client.DefaultRequestHeaders.Add(WardAppFactory.ClientHeader, $"10.77.{n >> 8}.{n & 255}");
        return client;
    }

    private async Task CreateStaffAsync(string userName)
    {
        var admin = await AdminAsync();
        var res = await admin.PostFormAsync("/admin/users/edit", "/admin/users/edit",
            [new("Input.UserName", userName), new("Input.FullName", "Cán bộ " + userName), new("Input.Roles", "editor"), new("Input.Password", "Mat-khau-2025")]);
        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
    }

    private Task<string> UserIdAsync(string userName) =>
        factory.WithScopeAsync(async sp => (await sp.GetRequiredService<UserManager<StaffUser>>().FindByNameAsync(userName))!.Id);

    private static string AuthCookie(HttpResponseMessage login)
    {
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        return login.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith("wardcms.auth=", StringComparison.Ordinal));
    }

    /// <summary>A client that sends only the given cookie, as someone who copied it would.</summary>
    private HttpClient Replay(string cookie)
    {
        var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client;
    }

    /// <summary>The answer without what differs by request: the antiforgery token and the name typed in.</summary>
    private static async Task<string> ComparableAsync(HttpResponseMessage res)
    {
        var html = await res.Content.ReadAsStringAsync();
        html = AntiforgeryValueRegex().Replace(html, "$1");
        return UserNameValueRegex().Replace(html, "$1");
    }

    [GeneratedRegex("(name=\"__RequestVerificationToken\" type=\"hidden\" value=\")[^\"]*")]
    private static partial Regex AntiforgeryValueRegex();

    [GeneratedRegex("(name=\"UserName\" value=\")[^\"]*")]
    private static partial Regex UserNameValueRegex();

    [GeneratedRegex("Mật khẩu mới của <strong>[^<]+</strong>: <code>([^<]+)</code>")]
    private static partial Regex NewPasswordRegex();
}

public sealed class SqliteStaffAccountTests(SqliteAppFactory f) : StaffAccountTests<SqliteAppFactory>(f);

public sealed class PostgresStaffAccountTests(PostgresAppFactory f) : StaffAccountTests<PostgresAppFactory>(f);
