using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WardCms.Core.Security;
using WardCms.Tests.Infrastructure;

namespace WardCms.Tests.Web.Admin;

/// <summary>A staff member's own account: name, password, other sessions, a reset link, two-step sign-in.</summary>
public abstract partial class StaffAccountTests<TFactory>
{
    private const string OwnPassword = "Mat-khau-rieng-2025";

    private async Task<string> NewStaffAsync(string userName)
    {
        await factory.WithScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<StaffUser>>();
            var site = await sp.GetRequiredService<WardCms.Core.Data.WardDbContext>().Sites.OrderBy(s => s.Id).Select(s => s.Id).FirstAsync();
            var user = new StaffUser { UserName = userName, FullName = "Cán bộ " + userName, SiteId = site, CreatedUtc = DateTime.UtcNow };
            var created = await users.CreateAsync(user, OwnPassword);
            Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
            await users.AddToRoleAsync(user, "editor");
        });
        return await factory.WithScopeAsync(async sp => (await sp.GetRequiredService<UserManager<StaffUser>>().FindByNameAsync(userName))!.Id);
    }

    private async Task<HttpClient> SignedInAsync(string userName, string password = OwnPassword)
    {
        var client = factory.CreateBrowserClient();
        Assert.Equal(HttpStatusCode.Redirect, (await client.LoginAsync(userName, password)).StatusCode);
        return client;
    }

    private static async Task<bool> IsSignedInAsync(HttpClient client) => (await client.GetAsync("/account/me")).StatusCode == HttpStatusCode.OK;

    [Fact]
    public async Task OwnAccount_NameAndPassword_ChangedByTheUser_OtherSessionsEnd_ThisOneStays()
    {
        var name = "tu.doi." + Guid.NewGuid().ToString("N")[..6];
        await NewStaffAsync(name);
        var here = await SignedInAsync(name);
        var elsewhere = await SignedInAsync(name);

        // The name: saved, shown in the top bar at once; an empty one refused.
        Assert.Equal(HttpStatusCode.BadRequest, (await here.PostFormAsync("/account/me", "/account/me?handler=Name", [new("FullName", "  ")])).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await here.PostFormAsync("/account/me", "/account/me?handler=Name", [new("FullName", "Lê Thị Hoà")])).StatusCode);
        Assert.Contains(">Lê Thị Hoà</a>", WebUtility.HtmlDecode(await here.GetStringAsync("/admin")));

        // A wrong current password, a mismatch and a weak one: each named, nothing changed.
        var wrong = await here.PostFormAsync("/account/me", "/account/me?handler=Password",
            [new("CurrentPassword", "sai-mat-khau-1"), new("NewPassword", "Mat-khau-moi-2026"), new("ConfirmPassword", "Mat-khau-moi-2026")]);
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("Mật khẩu hiện tại không đúng.", WebUtility.HtmlDecode(await wrong.Content.ReadAsStringAsync()));
        var mismatch = await here.PostFormAsync("/account/me", "/account/me?handler=Password",
            [new("CurrentPassword", OwnPassword), new("NewPassword", "Mat-khau-moi-2026"), new("ConfirmPassword", "Mat-khau-khac-2026")]);
        Assert.Contains("Mật khẩu nhập lại không khớp", WebUtility.HtmlDecode(await mismatch.Content.ReadAsStringAsync()));
        var weak = await here.PostFormAsync("/account/me", "/account/me?handler=Password",
            [new("CurrentPassword", OwnPassword), new("NewPassword", "ngan"), new("ConfirmPassword", "ngan")]);
        Assert.Contains("Mật khẩu cần ít nhất 10 ký tự.", WebUtility.HtmlDecode(await weak.Content.ReadAsStringAsync()));
        Assert.True(await IsSignedInAsync(elsewhere));

        var changed = await here.PostFormAsync("/account/me", "/account/me?handler=Password",
            [new("CurrentPassword", OwnPassword), new("NewPassword", "Mat-khau-moi-2026"), new("ConfirmPassword", "Mat-khau-moi-2026")]);
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.True(await IsSignedInAsync(here));
        Assert.False(await IsSignedInAsync(elsewhere));
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateBrowserClient().LoginAsync(name, OwnPassword)).StatusCode);
        var again = await SignedInAsync(name, "Mat-khau-moi-2026");

        // Signing out elsewhere keeps this session only.
        Assert.Equal(HttpStatusCode.Redirect, (await here.PostFormAsync("/account/me", "/account/me?handler=SignOutOthers", [])).StatusCode);
        Assert.True(await IsSignedInAsync(here));
        Assert.False(await IsSignedInAsync(again));
    }

    [Fact]
    public async Task Sessions_AreListedWithTheirBrowser_OneCanBeEnded_AndSigningOutEndsThisOne()
    {
        var name = "phien-" + Guid.NewGuid().ToString("N")[..6];
        var userId = await NewStaffAsync(name);
        var phone = factory.CreateBrowserClient();
        phone.DefaultRequestHeaders.UserAgent.ParseAdd("Mozilla/5.0 (Linux; Android 14; SM-A155F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36");
        Assert.Equal(HttpStatusCode.Redirect, (await phone.LoginAsync(name, OwnPassword)).StatusCode);
        var office = factory.CreateBrowserClient();
        office.DefaultRequestHeaders.UserAgent.ParseAdd("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36 Edg/131.0");
        Assert.Equal(HttpStatusCode.Redirect, (await office.LoginAsync(name, OwnPassword)).StatusCode);

        var page = WebUtility.HtmlDecode(await office.GetStringAsync("/account/me"));
        Assert.Contains("Edge trên Windows</strong> (thiết bị này)", page);
        Assert.Contains("Chrome trên Android</strong>", page);
        Assert.Single(Regex.Matches(page, "Đăng xuất phiên này"));

        var sessions = await factory.WithScopeAsync(sp => sp.GetRequiredService<WardCms.Core.Data.WardDbContext>().Set<StaffSession>()
            .Where(x => x.UserId == userId).OrderBy(x => x.CreatedUtc).ToListAsync());
        Assert.Equal(2, sessions.Count);
        var ended = await office.PostFormAsync("/account/me", "/account/me?handler=EndSession", [new("session", sessions[0].Id)]);
        Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        Assert.False(await IsSignedInAsync(phone)); // the phone's cookie is refused on its next request
        Assert.True(await IsSignedInAsync(office));
        // Another account's session, or one already ended: 404, nothing changed.
        Assert.Equal(HttpStatusCode.NotFound, (await office.PostFormAsync("/account/me", "/account/me?handler=EndSession", [new("session", sessions[0].Id)])).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await office.PostFormAsync("/admin", "/account/logout", [])).StatusCode);
        Assert.All(await factory.WithScopeAsync(sp => sp.GetRequiredService<WardCms.Core.Data.WardDbContext>().Set<StaffSession>()
            .Where(x => x.UserId == userId).ToListAsync()), x => Assert.NotNull(x.EndedUtc));
    }

    /// <summary>The claims are rebuilt once a minute (roles may have changed): the session id must come along, or the session would end.</summary>
    [Fact]
    public async Task ClaimsRefresh_KeepsTheSessionId()
    {
        var options = factory.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SecurityStampValidatorOptions>>().Value;
        var current = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity([new System.Security.Claims.Claim(StaffSession.Claim, "abc123")], "Identity.Application"));
        var fresh = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity([new System.Security.Claims.Claim("fullName", "Cán bộ")], "Identity.Application"));
        Assert.NotNull(options.OnRefreshingPrincipal);
        await options.OnRefreshingPrincipal!(new SecurityStampRefreshingPrincipalContext { CurrentPrincipal = current, NewPrincipal = fresh });
        Assert.Equal("abc123", fresh.FindFirst(StaffSession.Claim)?.Value);
    }

    [Fact]
    public async Task OwnAccount_WithoutSignIn_IsSentToTheLoginPage()
    {
        var anonymous = factory.CreateBrowserClient();
        foreach (var path in new[] { "/account/me", "/account/two-step" })
        {
            var res = await anonymous.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
            Assert.StartsWith("/account/login", res.Headers.Location!.AbsolutePath);
        }
    }

    [Fact]
    public async Task ResetLink_FromTheAdministrator_SetsAPasswordOnce_AndABadLinkChangesNothing()
    {
        var name = "quen.mk." + Guid.NewGuid().ToString("N")[..6];
        var id = await NewStaffAsync(name);
        var session = await SignedInAsync(name);
        var admin = await AdminAsync();
        var made = await admin.PostFormAsync($"/admin/users/edit/{id}", $"/admin/users/edit/{id}?handler=ResetLink", []);
        Assert.Equal(HttpStatusCode.OK, made.StatusCode);
        var link = new Uri(WebUtility.HtmlDecode(Regex.Match(await made.Content.ReadAsStringAsync(), "value=\"(http[^\"]+/account/reset\\?[^\"]+)\"").Groups[1].Value));
        var path = link.PathAndQuery;

        var staff = factory.CreateBrowserClient();
        var form = WebUtility.HtmlDecode(await staff.GetStringAsync(path));
        Assert.Contains($"Tài khoản <strong>{name}</strong>", form);
        var mismatch = await staff.PostFormAsync(path, path, [new("NewPassword", "Mat-khau-dat-lai-1"), new("ConfirmPassword", "khac-han-2")]);
        Assert.Equal(HttpStatusCode.BadRequest, mismatch.StatusCode);
        Assert.Contains("Mật khẩu nhập lại không khớp", WebUtility.HtmlDecode(await mismatch.Content.ReadAsStringAsync()));
        var set = await staff.PostFormAsync(path, path, [new("NewPassword", "Mat-khau-dat-lai-1"), new("ConfirmPassword", "Mat-khau-dat-lai-1")]);
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await factory.CreateBrowserClient().LoginAsync(name, "Mat-khau-dat-lai-1")).StatusCode);
        Assert.False(await IsSignedInAsync(session)); // the old session ended with the old password

        // Used once: the same link is refused, and so is a link with its token changed.
        var reused = await factory.CreateBrowserClient().GetAsync(path);
        Assert.Equal(HttpStatusCode.BadRequest, reused.StatusCode);
        Assert.Contains("đã hết hạn, đã được dùng hoặc không đúng", WebUtility.HtmlDecode(await reused.Content.ReadAsStringAsync()));
        var tampered = await factory.CreateBrowserClient().GetAsync($"/account/reset?u={id}&t=abc");
        Assert.Equal(HttpStatusCode.BadRequest, tampered.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await factory.CreateBrowserClient().GetAsync("/account/reset")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await factory.CreateBrowserClient().LoginAsync(name, "Mat-khau-dat-lai-1")).StatusCode);
    }

    [Fact]
    public async Task TwoStep_TurnedOnWithTheAppsCode_ThenSignInAsksForIt_AndARecoveryCodeWorksOnce()
    {
        var name = "hai.buoc." + Guid.NewGuid().ToString("N")[..6];
        var id = await NewStaffAsync(name);
        var client = await SignedInAsync(name);
        var setup = WebUtility.HtmlDecode(await client.GetStringAsync("/account/two-step"));
        Assert.Contains("src=\"data:image/svg+xml;base64,", setup);
        var key = Regex.Match(setup, "<code class=\"secret-key\">([a-z2-7 ]+)</code>").Groups[1].Value;
        Assert.NotEmpty(key);

        // A wrong code turns nothing on.
        var wrong = await client.PostFormAsync("/account/two-step", "/account/two-step?handler=Enable", [new("Code", "12345")]);
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("Mã gồm đúng 6 chữ số", WebUtility.HtmlDecode(await wrong.Content.ReadAsStringAsync()));
        var stale = Totp.Code(key, DateTimeOffset.UtcNow.AddMinutes(-30));
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostFormAsync("/account/two-step", "/account/two-step?handler=Enable", [new("Code", stale)])).StatusCode);

        var on = await client.PostFormAsync("/account/two-step", "/account/two-step?handler=Enable", [new("Code", Totp.Code(key, DateTimeOffset.UtcNow))]);
        Assert.Equal(HttpStatusCode.OK, on.StatusCode);
        var recovery = Regex.Matches(await on.Content.ReadAsStringAsync(), "<li><code>([^<]+)</code></li>").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(10, recovery.Count);
        Assert.True(await IsSignedInAsync(client)); // turning it on keeps this session

        // The password alone no longer signs in: it leads to the code step.
        var next = factory.CreateBrowserClient();
        var step = await next.LoginAsync(name, OwnPassword);
        Assert.Equal(HttpStatusCode.Redirect, step.StatusCode);
        Assert.StartsWith("/account/login-two-step", step.Headers.Location!.OriginalString);
        Assert.False(await IsSignedInAsync(next));
        var badCode = await next.PostFormAsync(step.Headers.Location.OriginalString, "/account/login-two-step", [new("Code", "000000"), new("ReturnUrl", "/admin")]);
        Assert.Equal(HttpStatusCode.Unauthorized, badCode.StatusCode);
        Assert.Contains("Mã không đúng hoặc đã hết hạn", WebUtility.HtmlDecode(await badCode.Content.ReadAsStringAsync()));
        var good = await next.PostFormAsync("/account/login-two-step", "/account/login-two-step", [new("Code", Totp.Code(key, DateTimeOffset.UtcNow)), new("ReturnUrl", "/admin")]);
        Assert.True(good.StatusCode == HttpStatusCode.Redirect, Regex.Match(WebUtility.HtmlDecode(await good.Content.ReadAsStringAsync()), "alert bad[^<]*<").Value);
        Assert.Equal("/admin", good.Headers.Location!.OriginalString);
        Assert.True(await IsSignedInAsync(next));

        // A recovery code instead of the phone: once.
        var lost = factory.CreateBrowserClient();
        await lost.LoginAsync(name, OwnPassword);
        var byRecovery = await lost.PostFormAsync("/account/login-two-step?recovery=true", "/account/login-two-step",
            [new("Code", recovery[0]), new("UseRecoveryCode", "true"), new("ReturnUrl", "/admin")]);
        Assert.Equal(HttpStatusCode.Redirect, byRecovery.StatusCode);
        var thief = factory.CreateBrowserClient();
        await thief.LoginAsync(name, OwnPassword);
        var reused = await thief.PostFormAsync("/account/login-two-step?recovery=true", "/account/login-two-step",
            [new("Code", recovery[0]), new("UseRecoveryCode", "true"), new("ReturnUrl", "/admin")]);
        Assert.Equal(HttpStatusCode.Unauthorized, reused.StatusCode);
        Assert.Contains("Mã dự phòng không đúng hoặc đã được dùng.", WebUtility.HtmlDecode(await reused.Content.ReadAsStringAsync()));

        // Turning it off needs the password; the administrator can turn it off for a lost phone.
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostFormAsync("/account/two-step", "/account/two-step?handler=Disable", [new("Password", "sai-mat-khau-9")])).StatusCode);
        var admin = await AdminAsync();
        Assert.Contains("Tắt xác thực hai bước", WebUtility.HtmlDecode(await admin.GetStringAsync($"/admin/users/edit/{id}")));
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync($"/admin/users/edit/{id}", $"/admin/users/edit/{id}?handler=DisableTwoStep", [])).StatusCode);
        Assert.Equal("/admin", (await factory.CreateBrowserClient().LoginAsync(name, OwnPassword)).Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task TwoStep_RequiredOfARoleBySite_SendsItsStaffToTurnItOn_BeforeAnyAdminPageOrApi()
    {
        var name = "bat.buoc." + Guid.NewGuid().ToString("N")[..6];
        var role = "kiem-tra-" + Guid.NewGuid().ToString("N")[..6];
        await NewStaffAsync(name);
        int siteId = 0;
        string? before = null;
        await factory.WithScopeAsync(async sp =>
        {
            Assert.True((await sp.GetRequiredService<RoleManager<StaffRole>>().CreateAsync(new StaffRole(role) { DisplayName = "Kiểm tra" })).Succeeded);
            var users = sp.GetRequiredService<UserManager<StaffUser>>();
            await users.AddToRoleAsync((await users.FindByNameAsync(name))!, role);
            var db = sp.GetRequiredService<WardCms.Core.Data.WardDbContext>();
            var site = await db.Sites.OrderBy(s => s.Id).FirstAsync();
            (siteId, before) = (site.Id, site.RequireTwoStepRoles);
            site.RequireTwoStepRoles = role; // a role only this test's staff member holds
            await db.SaveChangesAsync();
        });
        try
        {
            var client = await SignedInAsync(name);
            var admin = await client.GetAsync("/admin");
            Assert.Equal(HttpStatusCode.Redirect, admin.StatusCode);
            Assert.Equal("/account/two-step", admin.Headers.Location!.OriginalString);
            var api = await client.GetAsync("/api/plans");
            Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
            Assert.Equal("application/problem+json", api.Content.Headers.ContentType!.MediaType);
            var setup = WebUtility.HtmlDecode(await client.GetStringAsync("/account/two-step"));
            Assert.Contains("Trang yêu cầu tài khoản có vai trò như của bạn bật xác thực hai bước", setup);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/me")).StatusCode); // the own account stays open

            var key = Regex.Match(setup, "<code class=\"secret-key\">([a-z2-7 ]+)</code>").Groups[1].Value;
            Assert.Equal(HttpStatusCode.OK, (await client.PostFormAsync("/account/two-step", "/account/two-step?handler=Enable", [new("Code", Totp.Code(key, DateTimeOffset.UtcNow))])).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin")).StatusCode);
            // Required: it cannot be turned off by the user.
            var off = await client.PostFormAsync("/account/two-step", "/account/two-step?handler=Disable", [new("Password", OwnPassword)]);
            Assert.Equal(HttpStatusCode.BadRequest, off.StatusCode);
            Assert.Contains("không tắt được", WebUtility.HtmlDecode(await off.Content.ReadAsStringAsync()));
            // Staff of other roles are not asked.
            Assert.Equal(HttpStatusCode.OK, (await (await AdminAsync()).GetAsync("/admin")).StatusCode);
        }
        finally
        {
            await factory.WithScopeAsync(async sp =>
            {
                var db = sp.GetRequiredService<WardCms.Core.Data.WardDbContext>();
                var site = await db.Sites.FirstAsync(s => s.Id == siteId);
                site.RequireTwoStepRoles = before ?? "";
                await db.SaveChangesAsync();
            });
        }
    }

    [Fact]
    public async Task ResetPasswordFromTheCommandLine_AlsoTurnsTwoStepSignInOff_ForALostPhone()
    {
        var name = "mat.dien.thoai." + Guid.NewGuid().ToString("N")[..6];
        await NewStaffAsync(name);
        await factory.WithScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<StaffUser>>();
            var user = (await users.FindByNameAsync(name))!;
            await users.ResetAuthenticatorKeyAsync(user);
            await users.SetTwoFactorEnabledAsync(user, true);
            return true;
        });
        Assert.StartsWith("/account/login-two-step", (await factory.CreateBrowserClient().LoginAsync(name, OwnPassword)).Headers.Location!.OriginalString);

        var (exitCode, output) = await CommandLineProcess.RunAsync(factory, new Dictionary<string, string> { ["WARDCMS_ADMIN_PASSWORD"] = "Mat-khau-dong-lenh-1" }, "admin", "reset-password", name);

        Assert.True(exitCode == 0, output);
        Assert.Contains("Two-step sign-in was on for this account; it is now off.", output);
        var signIn = await factory.CreateBrowserClient().LoginAsync(name, "Mat-khau-dong-lenh-1");
        Assert.Equal("/admin", signIn.Headers.Location!.OriginalString);
    }
}
