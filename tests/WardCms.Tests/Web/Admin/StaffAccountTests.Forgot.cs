using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using WardCms.Core.Security;
using WardCms.Tests.Infrastructure;

namespace WardCms.Tests.Web.Admin;

/// <summary>
/// "Quên mật khẩu" with SMTP (the test hosts send to the SMTP server inside the test process): the link
/// arrives at the account's address, works once, and the page answers the same for an unknown name, so
/// nobody learns who is staff; an account without an address gets nothing.
/// </summary>
public abstract partial class StaffAccountTests<TFactory>
{
    [Fact]
    public async Task ForgotPassword_EmailsAOneTimeLinkToTheAccountsAddress_AndAnswersAlikeForUnknownNames()
    {
        var name = "quen.thu." + Guid.NewGuid().ToString("N")[..6];
        var address = name + "@wardcms.test";
        var id = await NewStaffAsync(name);
        await factory.WithScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<StaffUser>>();
            var user = (await users.FindByIdAsync(id))!;
            user.Email = address;
            Assert.True((await users.UpdateAsync(user)).Succeeded);
            return 0;
        });
        var client = factory.CreateBrowserClient();
        Assert.Contains("/account/forgot", await client.GetStringAsync("/account/login"));

        async Task<string> AskAsync(string typed)
        {
            var res = await client.PostFormAsync("/account/forgot", "/account/forgot", [new("Name", typed)]);
            Assert.Equal(HttpStatusCode.OK, res.StatusCode);
            return WebUtility.HtmlDecode(await res.Content.ReadAsStringAsync());
        }
        var known = await AskAsync(address.ToUpperInvariant()); // by address, any case
        var unknown = await AskAsync("khong.co.ai." + Guid.NewGuid().ToString("N")[..6]);
        Assert.Contains(WardCms.Web.Pages.Account.ForgotModel.Sent, known);
        Assert.Contains(WardCms.Web.Pages.Account.ForgotModel.Sent, unknown);

        var mail = Assert.Single(await TestSmtp.MessagesToAsync(address));
        Assert.StartsWith("Đặt lại mật khẩu", mail.Subject);
        var link = new Uri(Regex.Match(mail.TextBody ?? "", @"http\S+/account/reset\?\S+").Value);
        var path = link.PathAndQuery;
        var staff = factory.CreateBrowserClient();
        Assert.Contains($"Tài khoản <strong>{name}</strong>", WebUtility.HtmlDecode(await staff.GetStringAsync(path)));
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync(path, path,
            [new("NewPassword", "Mat-khau-qua-thu-1"), new("ConfirmPassword", "Mat-khau-qua-thu-1")])).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await factory.CreateBrowserClient().LoginAsync(name, "Mat-khau-qua-thu-1")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await factory.CreateBrowserClient().GetAsync(path)).StatusCode); // once

        // A forged Host header cannot choose where the link points: it is on the site's own address.
        var forged = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false, HandleCookies = true, BaseAddress = new Uri("http://evil.example"),
        });
        var asked = await forged.PostFormAsync("/account/forgot", "/account/forgot", [new("Name", name)]);
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        // The server keeps messages in no particular order: the new one is the one that is not the first.
        var second = (await TestSmtp.MessagesToAsync(address, atLeast: 2)).Single(m => m.MessageId != mail.MessageId);
        var forgedLink = new Uri(Regex.Match(second.TextBody ?? "", @"http\S+/account/reset\?\S+").Value);
        Assert.NotEqual("evil.example", forgedLink.Host);
        Assert.Equal("haibatrung.hanoi.gov.vn", forgedLink.Host);

        // Empty: named, 400.
        var empty = await client.PostFormAsync("/account/forgot", "/account/forgot", [new("Name", " ")]);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("Nhập tên đăng nhập hoặc địa chỉ thư điện tử", WebUtility.HtmlDecode(await empty.Content.ReadAsStringAsync()));
    }
}
