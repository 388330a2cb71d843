using System.Buffers.Binary;

namespace WardCms.Core.Media;

/// <summary>
/// Removes metadata by rewriting the container, never decoding pixels. It is the fallback when
/// libvips is not installed and the last pass over vips's WebP output (vips 8.14 writes an EXIF
/// chunk into every WebP whatever [strip] says). Only call it on bytes FileInspector accepted.
/// </summary>
public static class ManagedMetadataStripper
{
    public static byte[] Strip(ReadOnlySpan<byte> content, string mediaType) => mediaType switch
    {
        MediaTypes.Jpeg => StripJpeg(content),
        MediaTypes.Png => StripPng(content),
        MediaTypes.Webp => StripWebp(content),
        MediaTypes.Gif => StripGif(content),
        _ => throw new ArgumentOutOfRangeException(nameof(mediaType), mediaType, "Only images are stripped."),
    };

    /// <summary>
    /// Drops APP1 (EXIF/XMP), APP13 (IPTC), COM and vendor APPn segments and anything after EOI
    /// (phones append motion-photo videos and second images there). Keeps JFIF, Adobe (needed to
    /// decode CMYK) and the ICC profile; keeps the EXIF orientation as a one-tag EXIF block,
    /// because without decoding we cannot rotate the pixels instead.
    /// </summary>
    public static byte[] StripJpeg(ReadOnlySpan<byte> jpeg)
    {
        var walk = ImageStructure.WalkJpeg(jpeg);
        EnsureValid(walk, "JPEG");
        using var output = new MemoryStream(jpeg.Length);
        output.Write([0xFF, 0xD8]);
        var orientation = 1;
        var orientationWritten = false;
        foreach (var block in walk.Blocks)
        {
            var payload = jpeg.Slice(block.PayloadOffset, block.PayloadLength);
            if (block.Tag == 0xE1)
            {
                orientation = ReadExifOrientation(payload) ?? orientation;
                continue;
            }
            var keep = block.Tag switch
            {
                0xE0 => payload.StartsWith("JFIF\0"u8),
                0xE2 => payload.StartsWith("ICC_PROFILE\0"u8),
                0xEE => payload.StartsWith("Adobe"u8),
                >= 0xE1 and <= 0xEF or 0xFE => false,
                _ => true,
            };
            if (!keep)
            {
                continue;
            }
            if (!orientationWritten && block.Tag is not (0xE0 or 0xE2 or 0xEE))
            {
                // APP segments come before the frame; write the orientation just before the first non-APP one.
                if (orientation != 1)
                {
                    output.Write(OrientationOnlyExif(orientation));
                }
                orientationWritten = true;
            }
            output.Write(jpeg.Slice(block.Offset, block.Length));
        }
        return output.ToArray();
    }

    /// <summary>Drops text, EXIF and time chunks; keeps everything needed to render (including iCCP, gAMA, sRGB).</summary>
    public static byte[] StripPng(ReadOnlySpan<byte> png)
    {
        var walk = ImageStructure.WalkPng(png);
        EnsureValid(walk, "PNG");
        int[] dropped = [ImageStructure.FourCc("tEXt"), ImageStructure.FourCc("zTXt"), ImageStructure.FourCc("iTXt"),
            ImageStructure.FourCc("eXIf"), ImageStructure.FourCc("tIME")];
        using var output = new MemoryStream(png.Length);
        output.Write(png[..8]);
        foreach (var block in walk.Blocks)
        {
            if (!dropped.Contains(block.Tag))
            {
                output.Write(png.Slice(block.Offset, block.Length));
            }
        }
        return output.ToArray();
    }

    /// <summary>Drops EXIF and XMP chunks and clears their flags in VP8X; the ICC profile stays for colour.</summary>
    public static byte[] StripWebp(ReadOnlySpan<byte> webp)
    {
        var walk = ImageStructure.WalkWebp(webp);
        EnsureValid(walk, "WebP");
        int[] dropped = [ImageStructure.FourCc("EXIF"), ImageStructure.FourCc("XMP ")];
        using var output = new MemoryStream(webp.Length);
        output.Write(webp[..12]);
        foreach (var block in walk.Blocks)
        {
            if (dropped.Contains(block.Tag))
            {
                continue;
            }
            var bytes = webp.Slice(block.Offset, block.Length).ToArray();
            if (block.Tag == ImageStructure.FourCc("VP8X"))
            {
                bytes[8] &= unchecked((byte)~0x0C); // EXIF (0x08) and XMP (0x04) flags
            }
            output.Write(bytes);
        }
        var result = output.ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(result.AsSpan(4), (uint)(result.Length - 8));
        return result;
    }

    /// <summary>Drops comments and application extensions other than the looping ones animations need (XMP lives there).</summary>
    public static byte[] StripGif(ReadOnlySpan<byte> gif)
    {
        var walk = ImageStructure.WalkGif(gif);
        EnsureValid(walk, "GIF");
        using var output = new MemoryStream(gif.Length);
        var firstBlock = walk.Blocks.Count > 0 ? walk.Blocks[0].Offset : walk.End;
        output.Write(gif[..firstBlock]);
        foreach (var block in walk.Blocks)
        {
            var keep = block.Tag switch
            {
                (ImageStructure.GifExtension << 8) | 0xFE => false,
                (ImageStructure.GifExtension << 8) | 0xFF => IsLoopingExtension(gif.Slice(block.PayloadOffset, block.PayloadLength)),
                _ => true,
            };
            if (keep)
            {
                output.Write(gif.Slice(block.Offset, block.Length));
            }
        }
        return output.ToArray();
    }

    private static bool IsLoopingExtension(ReadOnlySpan<byte> payload) =>
        payload.Length > 12 && payload[0] == 11 && (payload[1..12].SequenceEqual("NETSCAPE2.0"u8) || payload[1..12].SequenceEqual("ANIMEXTS1.0"u8));

    private static void EnsureValid(WalkResult walk, string format)
    {
        if (walk.Error != StructureError.None)
        {
            throw new InvalidDataException($"The {format} structure is {walk.Error}; inspect files before stripping them.");
        }
    }

    private static int? ReadExifOrientation(ReadOnlySpan<byte> app1)
    {
        if (!app1.StartsWith("Exif\0\0"u8) || app1.Length < 14)
        {
            return null;
        }
        var tiff = app1[6..];
        var little = tiff[0] == (byte)'I';
        var ifd = little ? BinaryPrimitives.ReadUInt32LittleEndian(tiff[4..]) : BinaryPrimitives.ReadUInt32BigEndian(tiff[4..]);
        if (ifd > (uint)tiff.Length - 2)
        {
            return null;
        }
        var count = U16(tiff, (int)ifd, little);
        for (var i = 0; i < count; i++)
        {
            var entry = (int)ifd + 2 + (i * 12);
            if (entry + 12 > tiff.Length)
            {
                return null;
            }
            if (U16(tiff, entry, little) == 0x0112)
            {
                var value = U16(tiff, entry + 8, little);
                return value is >= 1 and <= 8 ? value : null;
            }
        }
        return null;
    }

    private static ushort U16(ReadOnlySpan<byte> tiff, int at, bool little) =>
        little ? BinaryPrimitives.ReadUInt16LittleEndian(tiff[at..]) : BinaryPrimitives.ReadUInt16BigEndian(tiff[at..]);

    private static byte[] OrientationOnlyExif(int orientation)
    {
        // APP1, "Exif\0\0", big-endian TIFF header, IFD0 with the single Orientation (SHORT) entry.
        byte[] segment =
        [
            0xFF, 0xE1, 0x00, 0x22,
            (byte)'E', (byte)'x', (byte)'i', (byte)'f', 0, 0,
            (byte)'M', (byte)'M', 0x00, 0x2A, 0x00, 0x00, 0x00, 0x08,
            0x00, 0x01,
            0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00, (byte)orientation, 0x00, 0x00,
            0x00, 0x00, 0x00, 0x00,
        ];
        return segment;
    }
}
