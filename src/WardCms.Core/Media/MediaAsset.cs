using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WardCms.Core.Language;
using WardCms.Core.Sites;

namespace WardCms.Core.Media;

/// <summary>An upload in the media library: what the editors named it, and where its files are.</summary>
public sealed class MediaAsset : Content.IPublicRecord
{
    public const int MaxTitle = 300;
    public const int MaxAlt = 300;
    public const int MaxCaption = 1000;
    public const int MaxFolder = 200;
    public const int MaxTags = 500;

    public int Id { get; set; }
    public int SiteId { get; set; }
    /// <summary>The uploader's file name, cleaned for display; the download name of documents.</summary>
    public string FileName { get; set; } = "";
    public string Title { get; set; } = "";
    public string AltText { get; set; } = "";
    public string Caption { get; set; } = "";
    /// <summary>A free path such as "2025/Ảnh hoạt động"; only for sorting the library, never a file-system path.</summary>
    public string Folder { get; set; } = "";
    /// <summary>Comma-separated, NFC, trimmed.</summary>
    public string Tags { get; set; } = "";
    public MediaKind Kind { get; set; }
    public string MediaType { get; set; } = "";
    public string Extension { get; set; } = "";
    public int? Width { get; set; }
    public int? Height { get; set; }
    public string OriginalKey { get; set; } = "";
    /// <summary>The <see cref="MediaDescriptor"/> with every variant key, as the pipeline returned it.</summary>
    public string DescriptorJson { get; set; } = "{}";
    /// <summary>Bytes of the stored original.</summary>
    public long Length { get; set; }
    /// <summary>Hash of the bytes as uploaded, to spot the same photo uploaded twice.</summary>
    public string Sha256 { get; set; } = "";
    public string? UploadedById { get; set; }
    public DateTime UploadedUtc { get; set; }
    /// <summary>Folded (no diacritics, đ→d, lower case) file name, title, folder and tags for the library search.</summary>
    public string SearchText { get; set; } = "";
    public bool IsDeleted { get; set; }
    public DateTime? DeletedUtc { get; set; }
    /// <summary>Who last saved the title, alt text, caption, folder or tags, and when (null until the first edit).</summary>
    public string? UpdatedById { get; set; }
    public DateTime? UpdatedUtc { get; set; }
    /// <summary>Changed by every metadata save; the edit form carries it, so a save over someone else's is refused.</summary>
    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();

    public List<MediaAssetFile> Files { get; set; } = [];

    public MediaDescriptor Descriptor => JsonSerializer.Deserialize<MediaDescriptor>(DescriptorJson, MediaJson.Options)
        ?? throw new InvalidOperationException($"Media asset {Id} has no descriptor.");

    public bool NeedsAlt => Kind == MediaKind.Image && AltText.Length == 0;

    public IEnumerable<string> TagList => SplitTags(Tags);

    public static MediaAsset From(int siteId, MediaDescriptor media, string? userId, DateTime nowUtc)
    {
        var asset = new MediaAsset
        {
            SiteId = siteId,
            FileName = Vietnamese.Nfc(media.FileName),
            Title = Path.GetFileNameWithoutExtension(Vietnamese.Nfc(media.FileName)),
            Kind = media.Kind,
            MediaType = media.MediaType,
            Extension = media.Extension,
            Width = media.Width,
            Height = media.Height,
            OriginalKey = media.Original.Key,
            DescriptorJson = JsonSerializer.Serialize(media, MediaJson.Options),
            Length = media.Original.Length,
            Sha256 = media.UploadSha256,
            UploadedById = userId,
            UploadedUtc = nowUtc,
            Files = media.Variants.Prepend(media.Original)
                .Select(f => new MediaAssetFile { Key = f.Key, Role = f.Role, MediaType = f.MediaType, Width = f.Width, Height = f.Height, Length = f.Length })
                .ToList(),
        };
        asset.RefreshSearchText();
        return asset;
    }

    public void RefreshSearchText() => SearchText = Vietnamese.Fold($"{FileName} {Title} {Folder} {Tags.Replace(',', ' ')}");

    /// <summary>"họp, CCHC ,, họp" → "họp, CCHC": NFC, trimmed, no empties or repeats.</summary>
    public static string NormalizeTags(string? tags) => string.Join(", ", SplitTags(Vietnamese.Nfc(tags)).Distinct(StringComparer.Ordinal));

    /// <summary>"2025 / Ảnh hoạt động/" → "2025/Ảnh hoạt động".</summary>
    public static string NormalizeFolder(string? folder) =>
        string.Join('/', Vietnamese.Nfc(folder).Split('/', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static IEnumerable<string> SplitTags(string tags) =>
        tags.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>One stored file of an asset, so a request for a key finds its asset and type by index.</summary>
public sealed class MediaAssetFile : Content.IPublicRecord
{
    public int Id { get; set; }
    public int MediaAssetId { get; set; }
    public MediaAsset? Asset { get; set; }
    public string Key { get; set; } = "";
    public MediaVariantRole Role { get; set; }
    public string MediaType { get; set; } = "";
    public int? Width { get; set; }
    public int? Height { get; set; }
    public long Length { get; set; }
}

public static class MediaJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };
}

public sealed class MediaAssetConfiguration : IEntityTypeConfiguration<MediaAsset>
{
    public void Configure(EntityTypeBuilder<MediaAsset> e)
    {
        e.ToTable("MediaAssets");
        e.HasOne<Site>().WithMany().HasForeignKey(x => x.SiteId);
        e.HasIndex(x => new { x.SiteId, x.IsDeleted, x.UploadedUtc });
        e.HasIndex(x => new { x.SiteId, x.Folder });
        e.HasIndex(x => x.OriginalKey);
        e.Property(x => x.FileName).HasMaxLength(260);
        e.Property(x => x.Title).HasMaxLength(MediaAsset.MaxTitle);
        e.Property(x => x.AltText).HasMaxLength(MediaAsset.MaxAlt);
        e.Property(x => x.Caption).HasMaxLength(MediaAsset.MaxCaption);
        e.Property(x => x.Folder).HasMaxLength(MediaAsset.MaxFolder);
        e.Property(x => x.Tags).HasMaxLength(MediaAsset.MaxTags);
        e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.MediaType).HasMaxLength(100);
        e.Property(x => x.Extension).HasMaxLength(8);
        e.Property(x => x.OriginalKey).HasMaxLength(80);
        e.Property(x => x.Sha256).HasMaxLength(64);
        e.Property(x => x.UploadedById).HasMaxLength(450);
        e.Property(x => x.UpdatedById).HasMaxLength(450);
        e.Property(x => x.ConcurrencyStamp).IsConcurrencyToken();
        e.Ignore(x => x.Descriptor);
        e.Ignore(x => x.NeedsAlt);
        e.Ignore(x => x.TagList);
        e.HasMany(x => x.Files).WithOne(f => f.Asset).HasForeignKey(f => f.MediaAssetId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class MediaAssetFileConfiguration : IEntityTypeConfiguration<MediaAssetFile>
{
    public void Configure(EntityTypeBuilder<MediaAssetFile> e)
    {
        e.ToTable("MediaAssetFiles");
        e.HasIndex(x => x.Key);
        e.Property(x => x.Key).HasMaxLength(80);
        e.Property(x => x.Role).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.MediaType).HasMaxLength(100);
    }
}
