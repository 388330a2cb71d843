using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using WardCms.Core.Data;
using WardCms.Core.Language;
using WardCms.Core.Media;
using WardCms.Core.Security;
using WardCms.Core.Sites;

namespace WardCms.Web.Endpoints;

/// <summary>Upload (staff), the picker's list (staff) and the public file server for the media library.</summary>
public static class MediaEndpoints
{
    public const string TokenField = "__RequestVerificationToken";
    private const int MaxFieldChars = 2000;
    private static readonly System.Globalization.CultureInfo Vi = System.Globalization.CultureInfo.GetCultureInfo("vi-VN");

    public static IEndpointRouteBuilder MapMediaEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/admin/media/upload", UploadAsync).RequireAuthorization(Permissions.ManageMedia);
        app.MapGet("/admin/media/list", ListAsync).RequireAuthorization(Permissions.ManageMedia);
        app.MapGet("/media/{**key}", ServeAsync).AllowAnonymous();
        return app;
    }

    /// <summary>Whole request allowance: every file at its limit plus room for the multipart framing and fields.</summary>
    public static long RequestLimit(MediaOptions o) => (o.MaxFileBytes * o.MaxFilesPerRequest) + (1024 * 1024);

    private static async Task<IResult> UploadAsync(
        HttpContext ctx,
        MediaOptions options,
        MediaPipeline pipeline,
        FileInspector inspector,
        IAntiforgery antiforgery,
        IOptions<AntiforgeryOptions> antiforgeryOptions,
        WardDbContext db,
        SiteContext sites,
        TimeProvider clock,
        CancellationToken ct)
    {
        var limit = RequestLimit(options);
        // Set before the body is touched: the server then stops reading at the limit.
        if (ctx.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit;
        }
        if (ctx.Request.ContentLength > limit)
        {
            return Refused(StatusCodes.Status413PayloadTooLarge, "Yêu cầu tải lên quá lớn",
                $"Tổng dung lượng gửi lên vượt giới hạn {Megabytes(limit)} MB (tối đa {options.MaxFilesPerRequest} tệp, mỗi tệp {Megabytes(options.MaxFileBytes)} MB).");
        }
        if (!MediaTypeHeaderValue.TryParse(ctx.Request.ContentType, out var contentType)
            || !contentType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(contentType.Boundary).Value is not { Length: > 0 and <= 200 } boundary)
        {
            return Refused(StatusCodes.Status415UnsupportedMediaType, "Yêu cầu không hợp lệ", "Tệp phải được gửi dưới dạng multipart/form-data.");
        }

        // With the header the token is checked before a byte of the body is read; a form field is checked
        // once the form is read, but always before anything is processed or stored.
        var headerName = antiforgeryOptions.Value.HeaderName ?? "X-CSRF-TOKEN";
        var tokenInHeader = ctx.Request.Headers.ContainsKey(headerName);
        if (tokenInHeader && !await antiforgery.IsRequestValidAsync(ctx))
        {
            return AntiforgeryRefused();
        }

        var files = new List<(string Name, byte[]? Bytes)>();
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var oversized = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            var reader = new MultipartReader(boundary, ctx.Request.Body);
            while (await reader.ReadNextSectionAsync(ct) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || !disposition.DispositionType.Equals("form-data"))
                {
                    continue;
                }
                if (disposition.IsFileDisposition())
                {
                    if (files.Count >= options.MaxFilesPerRequest)
                    {
                        // Refused at the first file too many, before the rest is read or anything is processed.
                        return Refused(StatusCodes.Status400BadRequest, "Quá nhiều tệp",
                            $"Mỗi lần chỉ tải lên tối đa {options.MaxFilesPerRequest} tệp; yêu cầu này có nhiều hơn. Hãy chia thành nhiều lần.");
                    }
                    var name = FileInspector.DisplayName(HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value);
                    files.Add((name, await ReadBoundedAsync(section.Body, options.MaxFileBytes, ct)));
                }
                else if (HeaderUtilities.RemoveQuotes(disposition.Name).Value is { } fieldName && fields.Count < 20)
                {
                    var value = await ReadBoundedAsync(section.Body, MaxFieldChars * 4, ct);
                    fields[fieldName] = value is null ? "" : System.Text.Encoding.UTF8.GetString(value);
                    if (value is null)
                    {
                        // Remembered as too long, never silently emptied.
                        oversized.Add(fieldName);
                    }
                }
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or BadHttpRequestException)
        {
            return Refused(StatusCodes.Status400BadRequest, "Yêu cầu không hợp lệ",
                $"Không đọc được dữ liệu tải lên (bị ngắt hoặc vượt giới hạn {Megabytes(limit)} MB). Vui lòng thử lại.");
        }

        if (!tokenInHeader)
        {
            if (!fields.TryGetValue(TokenField, out var token) || token.Length == 0)
            {
                return AntiforgeryRefused();
            }
            ctx.Request.Headers[headerName] = token;
            if (!await antiforgery.IsRequestValidAsync(ctx))
            {
                return AntiforgeryRefused();
            }
        }
        if (files.Count == 0)
        {
            return Refused(StatusCodes.Status400BadRequest, "Chưa chọn tệp", "Chưa có tệp nào được gửi lên. Hãy chọn hoặc kéo thả ít nhất một tệp.");
        }

        var site = await sites.GetAsync(ctx.Request.Host.Host, ct);
        var folder = MediaAsset.NormalizeFolder(fields.GetValueOrDefault("folder"));
        var tags = MediaAsset.NormalizeTags(fields.GetValueOrDefault("tags"));
        if (folder.Length > MediaAsset.MaxFolder || oversized.Contains("folder"))
        {
            return Refused(StatusCodes.Status400BadRequest, "Tên thư mục quá dài",
                $"Tên thư mục dài {(oversized.Contains("folder") ? "hơn " + MaxFieldChars.ToString("N0", Vi) : folder.Length.ToString("N0", Vi))} ký tự, tối đa {MediaAsset.MaxFolder} ký tự. Chưa tệp nào được lưu; hãy rút ngắn tên thư mục rồi tải lên lại.");
        }
        if (tags.Length > MediaAsset.MaxTags || oversized.Contains("tags"))
        {
            return Refused(StatusCodes.Status400BadRequest, "Thẻ quá dài",
                $"Thẻ dài {(oversized.Contains("tags") ? "hơn " + MaxFieldChars.ToString("N0", Vi) : tags.Length.ToString("N0", Vi))} ký tự, tối đa {MediaAsset.MaxTags} ký tự. Chưa tệp nào được lưu; hãy bớt thẻ rồi tải lên lại.");
        }
        // The alt text the editor typed when dropping an image into a Markdown body: kept on the asset.
        var alt = Vietnamese.Nfc(fields.GetValueOrDefault("alt")).Trim();
        if (alt.Length > MediaAsset.MaxAlt || oversized.Contains("alt"))
        {
            return Refused(StatusCodes.Status400BadRequest, "Mô tả ảnh quá dài",
                $"Mô tả ảnh (alt) dài {(oversized.Contains("alt") ? "hơn " + MaxFieldChars.ToString("N0", Vi) : alt.Length.ToString("N0", Vi))} ký tự, tối đa {MediaAsset.MaxAlt} ký tự. Chưa tệp nào được lưu.");
        }
        var userId = ctx.User.FindFirstValue(ClaimTypes.NameIdentifier);
        var now = clock.GetUtcNow().UtcDateTime;
        var created = new List<MediaAsset>();
        var answered = new List<(MediaAsset Asset, string? Duplicate)>();
        var refused = new List<RefusedFile>();
        foreach (var (name, bytes) in files)
        {
            if (bytes is null)
            {
                refused.Add(new RefusedFile(name, inspector.TooLargeMessage(name, null)));
                continue;
            }
            // The same bytes again: offer the asset the library already has instead of a second, identical row.
            var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
            var existing = created.FirstOrDefault(a => a.Sha256 == sha)
                ?? await db.Set<MediaAsset>().Where(a => a.SiteId == site.Id && !a.IsDeleted && a.Sha256 == sha).OrderBy(a => a.Id).FirstOrDefaultAsync(ct);
            if (existing is not null)
            {
                if (alt.Length > 0 && existing.Kind == MediaKind.Image && existing.AltText.Length == 0)
                {
                    existing.AltText = alt;
                    existing.UpdatedById = userId;
                    existing.UpdatedUtc = now;
                    existing.ConcurrencyStamp = Guid.NewGuid();
                }
                answered.Add((existing, $"Tệp “{name}” đã có trong thư viện với tên “{existing.Title}”; dùng lại tệp đó, không tạo bản thứ hai."));
                continue;
            }
            var result = await pipeline.ProcessAsync(new MemoryStream(bytes, writable: false), name, ct);
            if (!result.Succeeded)
            {
                refused.Add(new RefusedFile(name, result.Error!));
                continue;
            }
            var asset = MediaAsset.From(site.Id, result.Media!, userId, now);
            asset.Folder = folder;
            asset.Tags = tags;
            if (asset.Kind == MediaKind.Image)
            {
                asset.AltText = alt;
            }
            asset.RefreshSearchText();
            db.Set<MediaAsset>().Add(asset);
            created.Add(asset);
            answered.Add((asset, null));
        }
        if (db.ChangeTracker.HasChanges())
        {
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException e)
            {
                // Someone edited the existing asset meanwhile: their text stands, the alt typed here is not applied;
                // the new files of this upload are saved all the same.
                foreach (var entry in e.Entries)
                {
                    entry.State = EntityState.Detached;
                }
                await db.SaveChangesAsync(ct);
            }
        }

        if (!tokenInHeader && AcceptsHtml(ctx.Request))
        {
            // The library's form without JavaScript: back to the library with a summary, as a page would.
            return BackToLibrary(ctx, created.Count, answered.Where(a => a.Duplicate is not null).Select(a => a.Duplicate!).ToList(), refused);
        }
        var assets = answered.Select(a => ToJson(a.Asset, a.Duplicate)).ToList();
        if (refused.Count > 0)
        {
            var title = refused.Count == 1 ? "Tệp bị từ chối" : $"{refused.Count} tệp bị từ chối";
            return Results.Problem(
                title: title,
                detail: string.Join(" ", refused.Select(r => r.Message)),
                statusCode: StatusCodes.Status422UnprocessableEntity,
                extensions: new Dictionary<string, object?> { ["errors"] = refused, ["assets"] = assets });
        }
        return Results.Ok(new { assets });
    }

    private static async Task<IResult> ListAsync(
        HttpContext ctx, WardDbContext db, SiteContext sites, string? q, string? kind, int? page, CancellationToken ct)
    {
        const int pageSize = 24;
        var site = await sites.GetAsync(ctx.Request.Host.Host, ct);
        var query = db.Set<MediaAsset>().AsNoTracking().Where(a => a.SiteId == site.Id && !a.IsDeleted);
        if (Vietnamese.Fold(q).Trim() is { Length: > 0 } folded)
        {
            query = query.Where(a => a.SearchText.Contains(folded));
        }
        if (kind is "image")
        {
            query = query.Where(a => a.Kind == MediaKind.Image);
        }
        else if (kind is "document")
        {
            query = query.Where(a => a.Kind == MediaKind.Document);
        }
        var total = await query.CountAsync(ct);
        var pages = Math.Max(1, (total + pageSize - 1) / pageSize);
        var current = Math.Clamp(page ?? 1, 1, pages);
        var rows = await query.OrderByDescending(a => a.UploadedUtc).ThenByDescending(a => a.Id)
            .Skip((current - 1) * pageSize).Take(pageSize)
            .Select(a => new
            {
                a.Id, a.Title, a.FileName, a.AltText, a.Kind, a.OriginalKey, a.Width, a.Height,
                Thumb = a.Files.Where(f => f.Role == MediaVariantRole.Responsive && f.MediaType == MediaTypes.Webp)
                    .OrderBy(f => f.Width).Select(f => f.Key).FirstOrDefault(),
            })
            .ToListAsync(ct);
        return Results.Ok(new
        {
            page = current,
            pages,
            total,
            items = rows.Select(r => new
            {
                id = r.Id,
                key = r.OriginalKey,
                title = r.Title,
                fileName = r.FileName,
                alt = r.AltText,
                kind = r.Kind == MediaKind.Image ? "image" : "document",
                url = MediaUrls.Of(r.OriginalKey),
                thumbnailUrl = r.Kind == MediaKind.Image ? MediaUrls.Of(r.Thumb ?? r.OriginalKey) : null,
                width = r.Width,
                height = r.Height,
            }),
        });
    }

    private static async Task<IResult> ServeAsync(HttpContext ctx, string? key, WardDbContext db, IMediaStore store, CancellationToken ct)
    {
        // Only the key grammar reaches the store; "../", "%2e%2e", backslashes and the like stop here.
        if (!MediaKey.IsValid(key))
        {
            return Results.NotFound();
        }
        var file = await db.Set<MediaAssetFile>().AsNoTracking()
            .Where(f => f.Key == key && !f.Asset!.IsDeleted)
            .Select(f => new { f.MediaType, f.Asset!.Kind, f.Asset.FileName, f.Asset.Extension })
            .FirstOrDefaultAsync(ct);
        if (file is null)
        {
            return Results.NotFound();
        }
        var stream = await store.OpenReadAsync(key, ct);
        if (stream is null)
        {
            return Results.NotFound();
        }
        var headers = ctx.Response.Headers;
        // The key is the content's hash: the bytes behind a URL never change.
        headers.CacheControl = "public, max-age=31536000, immutable";
        headers.XContentTypeOptions = "nosniff";
        var etag = new EntityTagHeaderValue($"\"{key.Split('/')[2].Split('.')[0]}\"");
        return Results.File(
            stream,
            contentType: file.MediaType,
            // Documents are downloaded, never rendered in our origin; the name is sent RFC 6266-encoded (filename*=UTF-8'').
            fileDownloadName: file.Kind == MediaKind.Document ? DownloadName(file.FileName, file.Extension) : null,
            entityTag: etag,
            enableRangeProcessing: true);
    }

    /// <param name="duplicate">Set when the upload was the same bytes as this existing asset: the message to show.</param>
    public static object ToJson(MediaAsset a, string? duplicate = null)
    {
        var d = a.Descriptor;
        var thumb = d.Variants.Where(v => v.Role == MediaVariantRole.Responsive && v.MediaType == MediaTypes.Webp).MinBy(v => v.Width);
        return new
        {
            id = a.Id,
            key = a.OriginalKey,
            url = MediaUrls.Of(a.OriginalKey),
            editUrl = $"/admin/media/{a.Id}",
            existing = duplicate is not null,
            message = duplicate,
            kind = a.Kind == MediaKind.Image ? "image" : "document",
            mediaType = a.MediaType,
            fileName = a.FileName,
            title = a.Title,
            alt = a.AltText,
            width = a.Width,
            height = a.Height,
            length = a.Length,
            thumbnailUrl = a.Kind == MediaKind.Image ? MediaUrls.Of((thumb ?? d.Original).Key) : null,
            variants = d.Variants.Select(v => new
            {
                url = MediaUrls.Of(v.Key),
                role = v.Role == MediaVariantRole.OpenGraph ? "openGraph" : "responsive",
                mediaType = v.MediaType,
                width = v.Width,
                height = v.Height,
                length = v.Length,
            }),
        };
    }

    /// <summary>The uploader's name with the extension the content actually has.</summary>
    public static string DownloadName(string fileName, string extension)
    {
        var name = fileName.Length > 0 ? fileName : "tep";
        return name.EndsWith("." + extension, StringComparison.OrdinalIgnoreCase) ? name : $"{Path.GetFileNameWithoutExtension(name)}.{extension}";
    }

    private static bool AcceptsHtml(HttpRequest request) =>
        request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));

    private static IResult BackToLibrary(HttpContext ctx, int createdCount, List<string> duplicates, List<RefusedFile> refused)
    {
        var tempData = ctx.RequestServices.GetRequiredService<Microsoft.AspNetCore.Mvc.ViewFeatures.ITempDataDictionaryFactory>().GetTempData(ctx);
        var parts = new List<string>();
        if (createdCount > 0)
        {
            parts.Add($"Đã tải lên {createdCount} tệp.");
        }
        parts.AddRange(duplicates);
        if (refused.Count > 0)
        {
            parts.Add($"Bị từ chối: {string.Join(" ", refused.Select(r => r.Message))}");
        }
        tempData["Message"] = string.Join(" ", parts);
        tempData.Save();
        return Results.Redirect("/admin/media");
    }

    private static IResult AntiforgeryRefused() => Refused(StatusCodes.Status400BadRequest, "Phiên làm việc không hợp lệ",
        "Thiếu hoặc sai mã chống giả mạo (phiên làm việc đã hết hạn). Hãy tải lại trang rồi thử lại.");

    private static IResult Refused(int status, string title, string detail) =>
        Results.Problem(title: title, detail: detail, statusCode: status);

    private static string Megabytes(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("0.#", System.Globalization.CultureInfo.GetCultureInfo("vi-VN"));

    /// <summary>The stream's bytes, or null once they pass the limit (the rest is left for the reader to skip).</summary>
    private static async Task<byte[]?> ReadBoundedAsync(Stream content, long limit, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    public sealed record RefusedFile(string FileName, string Message);
}
