using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WardCms.Core.Content;
using WardCms.Core.Data;
using WardCms.Core.Planning;
using WardCms.Core.Security;
using WardCms.Core.Sites;

namespace WardCms.Tests.Infrastructure;

/// <summary>
/// Interim: sets up the ward site in code until the recipe engine lands, after which the shipped
/// recipes are the fixtures and this file goes away.
/// </summary>
public static class InterimSeed
{
    public static async Task EnsureAsync(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<WardDbContext>();
        if (await db.Sites.AnyAsync())
        {
            return;
        }
        var site = new Site { Key = "hai-ba-trung", Name = "Phường Hai Bà Trưng", IssuingParent = "ỦY BAN NHÂN DÂN", IssuingBody = "PHƯỜNG HAI BÀ TRƯNG", PlaceName = "Hai Bà Trưng", CreatedUtc = DateTime.UtcNow };
        db.Sites.Add(site);
        await db.SaveChangesAsync();
        db.Units.AddRange(
            new Unit { SiteId = site.Id, Key = "vhxh", Name = "Phòng Văn hoá – Xã hội", ShortName = "VH-XH", Order = 1 },
            new Unit { SiteId = site.Id, Key = "kthtdt", Name = "Phòng Kinh tế, Hạ tầng và Đô thị", ShortName = "KT-HT-ĐT", Order = 2 },
            new Unit { SiteId = site.Id, Key = "vp", Name = "Văn phòng HĐND&UBND", ShortName = "VP", Order = 3 });
        var topics = new Taxonomy { SiteId = site.Id, Key = "topics", Name = "Chủ đề CCHC" };
        string[] names = ["Chủ trương, chính sách", "Trách nhiệm người đứng đầu", "Văn bản pháp luật, Luật Thủ đô", "Sắp xếp bộ máy", "Kỷ luật, kỷ cương", "Một cửa, dịch vụ công trực tuyến", "Chuyển đổi số, Đề án 06", "Chỉ số PAR INDEX, SIPAS, PAPI", "Mô hình mới, sáng kiến"];
        string[] keys = ["a", "b", "c", "d", "dd", "e", "g", "h", "i"];
        for (var i = 0; i < names.Length; i++)
        {
            topics.Terms.Add(new Term { Key = keys[i], Name = names[i], Slug = WardCms.Core.Language.Vietnamese.Slugify(names[i]), Order = i });
        }
        db.Taxonomies.Add(topics);
        db.ContentTypes.AddRange(
            Type(site.Id, "CchcArticle", "Bài viết CCHC", 1, new ContentTypeSettings { SlugPattern = "/cchc/{slug}", SectionTitle = "Cải cách hành chính", Channel = "portal" }, "common", "route", "topics", "planTasks", "media"),
            Type(site.Id, "RadioScript", "Kịch bản phát thanh", 2, new ContentTypeSettings { SlugPattern = "/phat-thanh/kich-ban/{slug}", SectionPath = "/phat-thanh/kich-ban", SectionTitle = "Kịch bản phát thanh", Channel = "radio" }, "common", "route", "topics", "planTasks", "broadcast"),
            Type(site.Id, "HandbookEntry", "Mục cẩm nang", 3, new ContentTypeSettings { SlugPattern = "/cam-nang/{slug}", SectionTitle = "Cẩm nang CCHC, Chuyển đổi số và Đề án 06", Channel = "handbook" }, "common", "route", "topics", "planTasks", "handbook", "media"));
        var plan = new Plan { SiteId = site.Id, Key = "cchc-2025", Title = "Kế hoạch thông tin, tuyên truyền về CCHC năm 2025", Year = 2025, StartsOn = new(2025, 1, 1), EndsOn = new(2025, 12, 31) };
        plan.Tasks.Add(new PlanTask { Number = 5, Text = "Hàng tháng gửi đăng tải tối thiểu 06 tin/bài CCHC trên Trang thông tin điện tử phường", ShortName = "≥ 6 tin/bài CCHC mỗi tháng" });
        plan.Tasks.Add(new PlanTask { Number = 8, Text = "Có ít nhất 01 tin/bài về cải cách TTHC lĩnh vực đất đai", ShortName = "≥ 1 tin/bài đất đai mỗi tháng" });
        db.Plans.Add(plan);
        await db.SaveChangesAsync();

        var roles = sp.GetRequiredService<RoleManager<StaffRole>>();
        await Role(roles, "admin", "Quản trị", Permissions.All);
        await Role(roles, "editor", "Biên tập viên", [Permissions.AccessAdmin, Permissions.EditContent, Permissions.ManageMedia]);
        await Role(roles, "reviewer", "Trưởng phòng", [Permissions.AccessAdmin, Permissions.EditContent, Permissions.ReviewContent, Permissions.ViewReports, Permissions.ManageMedia]);
        await Role(roles, "leader", "Lãnh đạo", [Permissions.AccessAdmin, Permissions.EditContent, Permissions.EditAllUnits, Permissions.ReviewContent, Permissions.ApproveContent, Permissions.PublishContent, Permissions.ViewReports, Permissions.ManagePlans, Permissions.ModerateFeedback, Permissions.ManageMedia]);
        await Role(roles, "radio", "Phát thanh viên", [Permissions.AccessAdmin, Permissions.EditContent, Permissions.ManageRadio, Permissions.ManageMedia]);
    }

    private static ContentTypeDefinition Type(int siteId, string name, string display, int order, ContentTypeSettings settings, params string[] parts) =>
        new() { SiteId = siteId, Name = name, DisplayName = display, Order = order, Settings = settings, Parts = parts.Select(p => new ContentTypePart { Name = p }).ToList() };

    private static async Task Role(RoleManager<StaffRole> roles, string name, string display, IEnumerable<string> permissions)
    {
        var role = new StaffRole(name) { DisplayName = display };
        await roles.CreateAsync(role);
        foreach (var p in permissions)
        {
            await roles.AddClaimAsync(role, new Claim(Permissions.ClaimType, p));
        }
    }
}
