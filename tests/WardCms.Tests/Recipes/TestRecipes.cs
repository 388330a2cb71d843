namespace WardCms.Tests.Recipes;

/// <summary>Small recipes for the engine's tests; the shipped recipes are tested as they are.</summary>
public static class TestRecipes
{
    public const string Site = """
        {
          "name": "Phường thử nghiệm",
          "steps": [
            { "step": "site", "key": "thu-nghiem", "name": "Phường Thử Nghiệm", "issuingBody": "PHƯỜNG THỬ NGHIỆM" },
            { "step": "units", "units": [
                { "key": "vhxh", "name": "Phòng Văn hoá – Xã hội", "order": 1 },
                { "key": "kthtdt", "name": "Phòng Kinh tế, Hạ tầng và Đô thị", "order": 2 },
            ] },
            { "step": "roles", "roles": [
                { "name": "editor", "displayName": "Biên tập viên", "permissions": ["AccessAdmin", "EditContent"] },
            ] },
            { "step": "users", "users": [
                { "userName": "btv.vhxh", "fullName": "Biên tập viên VH-XH", "email": "btv@example.invalid", "unit": "vhxh", "roles": ["editor"] },
            ] },
            { "step": "contentTypes", "contentTypes": [
                { "name": "CchcArticle", "displayName": "Bài viết CCHC", "settings": { "slugPattern": "/cchc/{slug}", "channel": "portal" },
                  "parts": [{ "name": "common" }, { "name": "route" }, { "name": "topics" }, { "name": "planTasks" }, { "name": "media" }] },
                { "name": "HandbookEntry", "displayName": "Mục cẩm nang", "settings": { "slugPattern": "/cam-nang/{slug}", "channel": "handbook" },
                  "parts": [{ "name": "common" }, { "name": "route" }, { "name": "handbook" }] },
            ] },
            { "step": "taxonomies", "taxonomies": [
                { "key": "topics", "name": "Chủ đề CCHC", "terms": [
                    { "key": "e", "name": "Một cửa, dịch vụ công trực tuyến" },
                    { "key": "g", "name": "Chuyển đổi số, Đề án 06" },
                ] },
            ] },
            { "step": "plan", "key": "p2025", "title": "Kế hoạch thử", "year": 2025, "tasks": [
                { "number": 5, "text": "06 tin/bài mỗi tháng", "leadUnit": "vhxh",
                  "rules": [{ "metric": "count", "minimum": 6, "period": "month", "event": "publishedOnPortal" }] },
                { "number": 8, "text": "01 tin/bài đất đai mỗi tháng", "leadUnit": "kthtdt" },
            ] },
            { "step": "content", "content": [
                { "type": "CchcArticle", "slug": "bai-mot", "title": "Bài một", "body": ["## Mở đầu", "", "Nội dung bài một."],
                  "unit": "vhxh", "topics": ["e"], "tasks": [5], "publishedAt": "2025-03-12T09:00:00+07:00" },
                { "type": "HandbookEntry", "slug": "muc-mot", "title": "Mục một", "body": "Các bước.",
                  "parts": { "handbook": { "chapter": "Hộ tịch", "order": 1 } } },
            ] },
          ],
        }
        """;
}
