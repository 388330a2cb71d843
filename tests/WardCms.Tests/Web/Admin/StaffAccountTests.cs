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
    public async Task FiveWrongPasswords_LockTheAccount()
    {
        var client = await AdminAsync();
        await client.PostFormAsync("/admin/users/edit", "/admin/users/edit",
            [new("Input.UserName", "bi.khoa"), new("Input.FullName", "Phạm Bị Khoá"), new("Input.Roles", "editor"), new("Input.Password", "Mat-khau-2025")]);
        var guest = factory.CreateBrowserClient();
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await guest.LoginAsync("bi.khoa", "sai-mat-khau-" + i)).StatusCode);
        }
        var locked = await guest.LoginAsync("bi.khoa", "Mat-khau-2025");
        Assert.Equal(HttpStatusCode.Unauthorized, locked.StatusCode);
        Assert.Contains("tạm bị khóa", await locked.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Login_WithoutAntiforgeryToken_IsRejected()
    {
        var client = factory.CreateBrowserClient();
        var res = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["UserName"] = "admin", ["Password"] = WardAppFactory.AdminPassword }));
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
    }

    [GeneratedRegex("Mật khẩu mới của <strong>[^<]+</strong>: <code>([^<]+)</code>")]
    private static partial Regex NewPasswordRegex();
}

public sealed class SqliteStaffAccountTests(SqliteAppFactory f) : StaffAccountTests<SqliteAppFactory>(f);

public sealed class PostgresStaffAccountTests(PostgresAppFactory f) : StaffAccountTests<PostgresAppFactory>(f);
