using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace WardCms.Core.Media;

/// <summary>
/// Decides what an upload is from its bytes alone: the file name and the browser's content type
/// are only used in messages. Image dimensions come from the header and are checked before
/// anything decodes pixels, so a decompression bomb is refused for the price of a few bytes read.
/// </summary>
public sealed class FileInspector(MediaOptions options)
{
    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    // Markup that makes a browser (or a PHP include) treat the bytes as active content.
    private static readonly string[] MarkupTokens = ["<script", "<html", "<?php", "<svg", "<!doctype html", "<iframe", "<body", "<object", "<embed"];

    public FileInspection Inspect(ReadOnlyMemory<byte> content, string fileName) => Inspect(content, fileName, enforceByteLimit: true);

    /// <param name="enforceByteLimit">False for our own processed outputs: a re-encoded PNG may outgrow the upload limit.</param>
    internal FileInspection Inspect(ReadOnlyMemory<byte> content, string fileName, bool enforceByteLimit)
    {
        var name = DisplayName(fileName);
        var data = content.Span;
        if (data.IsEmpty)
        {
            return FileInspection.Refused($"Tệp “{name}” rỗng (0 byte).");
        }
        if (enforceByteLimit && data.Length > options.MaxFileBytes)
        {
            return FileInspection.Refused(TooLargeMessage(name, data.Length));
        }

        if (StartsWith(data, [0xFF, 0xD8, 0xFF]))
        {
            return InspectJpeg(data, name);
        }
        if (StartsWith(data, [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return InspectPng(data, name);
        }
        if (data.Length >= 12 && StartsWith(data, "RIFF"u8) && data[8..12].SequenceEqual("WEBP"u8))
        {
            return InspectWebp(data, name);
        }
        if (StartsWith(data, "GIF87a"u8) || StartsWith(data, "GIF89a"u8))
        {
            return InspectGif(data, name);
        }
        if (StartsWith(data, "%PDF-"u8))
        {
            return InspectPdf(data, name);
        }
        if (StartsWith(data, [(byte)'P', (byte)'K', 3, 4]))
        {
            return InspectOfficeZip(content, name);
        }
        return RefuseUnknown(data, name);
    }

    /// <param name="length">The upload's size, or null when it is only known to be over the limit (a stream without a length).</param>
    public string TooLargeMessage(string fileName, long? length) => length is { } known
        ? $"Tệp “{DisplayName(fileName)}” có dung lượng {Megabytes(known)} MB, vượt giới hạn {Megabytes(options.MaxFileBytes)} MB."
        : $"Tệp “{DisplayName(fileName)}” vượt giới hạn dung lượng {Megabytes(options.MaxFileBytes)} MB.";

    /// <summary>A file name fit to quote back to a person: no folders, no control characters, not too long.</summary>
    public static string DisplayName(string? fileName)
    {
        var name = (fileName ?? "").Replace('\\', '/');
        name = name[(name.LastIndexOf('/') + 1)..];
        name = new string(name.Where(c => !char.IsControl(c)).ToArray()).Trim().Normalize(NormalizationForm.FormC);
        if (name.Length == 0)
        {
            return "(không tên)";
        }
        return name.Length > 80 ? name[..77] + "…" : name;
    }

    private FileInspection InspectJpeg(ReadOnlySpan<byte> data, string name)
    {
        var invalid = $"Tệp “{name}” không phải ảnh JPEG hợp lệ";
        var walk = ImageStructure.WalkJpeg(data);
        // Dimensions first: a SOF declaring a huge frame is refused even if the rest is broken.
        var sof = walk.Blocks.FirstOrDefault(b => b.Tag is >= 0xC0 and <= 0xCF and not (0xC4 or 0xC8 or 0xCC));
        if (sof.Length > 0)
        {
            if (sof.PayloadLength < 6)
            {
                return FileInspection.Refused($"{invalid}: phần khai báo kích thước (SOF) hỏng.");
            }
            if (sof.Tag is not (0xC0 or 0xC1 or 0xC2))
            {
                return FileInspection.Refused($"{invalid}: kiểu mã hóa JPEG này (lossless/arithmetic) không được hỗ trợ.");
            }
            var height = BinaryPrimitives.ReadUInt16BigEndian(data[(sof.PayloadOffset + 1)..]);
            var width = BinaryPrimitives.ReadUInt16BigEndian(data[(sof.PayloadOffset + 3)..]);
            if (CheckDimensions(width, height, invalid) is { } tooBig)
            {
                return tooBig;
            }
        }
        if (walk.Error == StructureError.Truncated)
        {
            return FileInspection.Refused($"{invalid}: tệp bị cắt cụt.");
        }
        if (walk.Error == StructureError.Corrupt)
        {
            return FileInspection.Refused($"{invalid}: cấu trúc phân đoạn bị hỏng.");
        }
        var scan = walk.Blocks.FindIndex(b => b.Tag == 0xDA);
        if (scan < 0)
        {
            return FileInspection.Refused($"{invalid}: thiếu dữ liệu ảnh (SOS).");
        }
        if (sof.Length == 0 || scan < walk.Blocks.IndexOf(sof))
        {
            return FileInspection.Refused($"{invalid}: không tìm thấy phần khai báo kích thước (SOF).");
        }
        foreach (var block in walk.Blocks)
        {
            // Comments and APPn segments are where image/script polyglots hide their payload.
            if (block.Tag is 0xFE or (>= 0xE0 and <= 0xEF) && FindMarkup(data.Slice(block.PayloadOffset, block.PayloadLength)) is { } token)
            {
                return PolyglotRefusal(name, "JPEG", token);
            }
        }
        return CheckPolyglot(data, name, "JPEG", walk.End)
            ?? FileInspection.Image(MediaTypes.Jpeg, "jpg",
                BinaryPrimitives.ReadUInt16BigEndian(data[(sof.PayloadOffset + 3)..]),
                BinaryPrimitives.ReadUInt16BigEndian(data[(sof.PayloadOffset + 1)..]));
    }

    private FileInspection InspectPng(ReadOnlySpan<byte> data, string name)
    {
        var invalid = $"Tệp “{name}” không phải ảnh PNG hợp lệ";
        if (data.Length < 33)
        {
            return FileInspection.Refused($"{invalid}: tệp bị cắt cụt.");
        }
        if (BinaryPrimitives.ReadUInt32BigEndian(data[8..]) != 13 || !data[12..16].SequenceEqual("IHDR"u8))
        {
            return FileInspection.Refused($"{invalid}: thiếu phần đầu IHDR.");
        }
        if (Crc32.Compute(data.Slice(12, 17)) != BinaryPrimitives.ReadUInt32BigEndian(data[29..]))
        {
            return FileInspection.Refused($"{invalid}: mã kiểm tra (CRC) của phần đầu IHDR sai.");
        }
        var width = BinaryPrimitives.ReadUInt32BigEndian(data[16..]);
        var height = BinaryPrimitives.ReadUInt32BigEndian(data[20..]);
        if (CheckDimensions(width, height, invalid) is { } tooBig)
        {
            return tooBig;
        }

        var walk = ImageStructure.WalkPng(data);
        if (walk.Error == StructureError.Truncated)
        {
            return FileInspection.Refused($"{invalid}: tệp bị cắt cụt.");
        }
        if (walk.Error == StructureError.Corrupt)
        {
            return FileInspection.Refused($"{invalid}: cấu trúc khối dữ liệu bị hỏng.");
        }
        if (!walk.Blocks.Exists(b => b.Tag == ImageStructure.FourCc("IDAT")))
        {
            return FileInspection.Refused($"{invalid}: thiếu dữ liệu ảnh (IDAT).");
        }
        foreach (var block in walk.Blocks)
        {
            if ((block.Tag == ImageStructure.FourCc("tEXt") || block.Tag == ImageStructure.FourCc("iTXt"))
                && FindMarkup(data.Slice(block.PayloadOffset, block.PayloadLength)) is { } token)
            {
                return PolyglotRefusal(name, "PNG", token);
            }
        }
        return CheckPolyglot(data, name, "PNG", walk.End) ?? FileInspection.Image(MediaTypes.Png, "png", (int)width, (int)height);
    }

    private FileInspection InspectWebp(ReadOnlySpan<byte> data, string name)
    {
        var invalid = $"Tệp “{name}” không phải ảnh WebP hợp lệ";
        if (data.Length < 30)
        {
            return FileInspection.Refused($"{invalid}: tệp bị cắt cụt.");
        }
        var first = data.Slice(12, 4);
        var payload = data[20..];
        uint width;
        uint height;
        if (first.SequenceEqual("VP8 "u8))
        {
            if (!payload[3..6].SequenceEqual((ReadOnlySpan<byte>)[0x9D, 0x01, 0x2A]))
            {
                return FileInspection.Refused($"{invalid}: phần đầu VP8 hỏng.");
            }
            width = BinaryPrimitives.ReadUInt16LittleEndian(payload[6..]) & 0x3FFFu;
            height = BinaryPrimitives.ReadUInt16LittleEndian(payload[8..]) & 0x3FFFu;
        }
        else if (first.SequenceEqual("VP8L"u8))
        {
            if (payload[0] != 0x2F)
            {
                return FileInspection.Refused($"{invalid}: phần đầu VP8L hỏng.");
            }
            var bits = BinaryPrimitives.ReadUInt32LittleEndian(payload[1..]);
            width = (bits & 0x3FFF) + 1;
            height = ((bits >> 14) & 0x3FFF) + 1;
        }
        else if (first.SequenceEqual("VP8X"u8))
        {
            width = (payload[4] | (uint)payload[5] << 8 | (uint)payload[6] << 16) + 1;
            height = (payload[7] | (uint)payload[8] << 8 | (uint)payload[9] << 16) + 1;
        }
        else
        {
            return FileInspection.Refused($"{invalid}: không có khối ảnh VP8/VP8L/VP8X.");
        }
        if (CheckDimensions(width, height, invalid) is { } tooBig)
        {
            return tooBig;
        }

        var walk = ImageStructure.WalkWebp(data);
        if (walk.Error == StructureError.Truncated)
        {
            return FileInspection.Refused($"{invalid}: tệp bị cắt cụt.");
        }
        if (walk.Error == StructureError.Corrupt)
        {
            return FileInspection.Refused($"{invalid}: cấu trúc RIFF bị hỏng.");
        }
        int[] imageChunks = [ImageStructure.FourCc("VP8 "), ImageStructure.FourCc("VP8L"), ImageStructure.FourCc("ANMF")];
        if (!walk.Blocks.Exists(b => imageChunks.Contains(b.Tag)))
        {
            return FileInspection.Refused($"{invalid}: thiếu dữ liệu ảnh.");
        }
        return CheckPolyglot(data, name, "WebP", walk.End) ?? FileInspection.Image(MediaTypes.Webp, "webp", (int)width, (int)height);
    }

    private FileInspection InspectGif(ReadOnlySpan<byte> data, string name)
    {
        var invalid = $"Tệp “{name}” không phải ảnh GIF hợp lệ";
        if (data.Length < 13)
        {
            return FileInspection.Refused($"{invalid}: tệp bị cắt cụt.");
        }
        var width = BinaryPrimitives.ReadUInt16LittleEndian(data[6..]);
        var height = BinaryPrimitives.ReadUInt16LittleEndian(data[8..]);
        if (CheckDimensions(width, height, invalid) is { } tooBig)
        {
            return tooBig;
        }
        var walk = ImageStructure.WalkGif(data);
        if (walk.Error == StructureError.Truncated)
        {
            return FileInspection.Refused($"{invalid}: tệp bị cắt cụt.");
        }
        if (walk.Error == StructureError.Corrupt)
        {
            return FileInspection.Refused($"{invalid}: cấu trúc khối dữ liệu bị hỏng.");
        }
        var frames = 0;
        foreach (var block in walk.Blocks)
        {
            if (block.Tag == ImageStructure.GifImage)
            {
                frames++;
                // A frame may be larger than the logical screen; decoders allocate for it, so it is checked too.
                var frameWidth = BinaryPrimitives.ReadUInt16LittleEndian(data[(block.Offset + 5)..]);
                var frameHeight = BinaryPrimitives.ReadUInt16LittleEndian(data[(block.Offset + 7)..]);
                if (frameWidth > 0 && frameHeight > 0 && CheckDimensions(frameWidth, frameHeight, invalid) is { } frameTooBig)
                {
                    return frameTooBig;
                }
            }
            else if (block.Tag == ((ImageStructure.GifExtension << 8) | 0xFE)
                && FindMarkup(data.Slice(block.PayloadOffset, block.PayloadLength)) is { } token)
            {
                return PolyglotRefusal(name, "GIF", token);
            }
        }
        if (frames == 0)
        {
            return FileInspection.Refused($"{invalid}: không có khung hình nào.");
        }
        return CheckPolyglot(data, name, "GIF", walk.End) ?? FileInspection.Image(MediaTypes.Gif, "gif", width, height);
    }

    private FileInspection InspectPdf(ReadOnlySpan<byte> data, string name)
    {
        var tail = data[Math.Max(0, data.Length - 1024)..];
        if (tail.IndexOf("%%EOF"u8) < 0)
        {
            return FileInspection.Refused($"Tệp “{name}” không phải tệp PDF hợp lệ: tệp bị cắt cụt (thiếu dấu kết thúc %%EOF).");
        }
        if (FindMarkup(data[..Math.Min(data.Length, options.MarkupScanBytes)]) is { } token)
        {
            return PolyglotRefusal(name, "PDF", token);
        }
        return FileInspection.Document(MediaTypes.Pdf, "pdf");
    }

    private FileInspection InspectOfficeZip(ReadOnlyMemory<byte> content, string name)
    {
        var invalid = $"Tệp “{name}” không phải tệp DOCX/XLSX hợp lệ";
        try
        {
            using var archive = new ZipArchive(new ReadOnlyMemoryStream(content), ZipArchiveMode.Read);
            // Everything below uses the central directory's declared sizes; nothing is inflated
            // except [Content_Types].xml, and that only after its size has been checked.
            if (archive.Entries.Count > options.MaxZipEntries)
            {
                return FileInspection.Refused(string.Create(Vietnamese,
                    $"Tệp “{name}” bị từ chối: có {archive.Entries.Count:N0} mục nén, vượt giới hạn {options.MaxZipEntries:N0} mục."));
            }
            long total = 0;
            foreach (var entry in archive.Entries)
            {
                total += entry.Length;
                var ratio = entry.CompressedLength > 0 ? entry.Length / entry.CompressedLength : entry.Length;
                if (total > options.MaxZipUncompressedBytes || (entry.Length > 1024 * 1024 && ratio > options.MaxZipCompressionRatio))
                {
                    return FileInspection.Refused(
                        $"Tệp “{name}” bị từ chối: dữ liệu nén khai báo {Megabytes(Math.Max(total, entry.Length))} MB khi giải nén, vượt giới hạn an toàn (nghi là “bom nén”).");
                }
            }

            var contentTypes = archive.GetEntry("[Content_Types].xml");
            var isWord = archive.GetEntry("word/document.xml") is not null;
            var isExcel = archive.GetEntry("xl/workbook.xml") is not null;
            if (contentTypes is null || (!isWord && !isExcel))
            {
                return FileInspection.Refused($"Tệp nén ZIP không được chấp nhận; chỉ nhận văn bản DOCX và bảng tính XLSX (tệp “{name}”).");
            }
            if (archive.Entries.Any(e => e.FullName.EndsWith("vbaProject.bin", StringComparison.OrdinalIgnoreCase)))
            {
                return FileInspection.Refused($"Tệp “{name}” chứa macro (VBA); chỉ nhận DOCX/XLSX không có macro.");
            }
            if (contentTypes.Length > 1024 * 1024)
            {
                return FileInspection.Refused($"{invalid}: tệp [Content_Types].xml quá lớn.");
            }
            string declared;
            using (var reader = new StreamReader(contentTypes.Open(), Encoding.UTF8))
            {
                var buffer = new char[1024 * 1024];
                var read = reader.ReadBlock(buffer, 0, buffer.Length);
                declared = new string(buffer, 0, read);
            }
            if (declared.Contains("macroEnabled", StringComparison.OrdinalIgnoreCase))
            {
                return FileInspection.Refused($"Tệp “{name}” chứa macro (VBA); chỉ nhận DOCX/XLSX không có macro.");
            }
            if (isWord && declared.Contains("wordprocessingml.document.main+xml", StringComparison.Ordinal))
            {
                return FileInspection.Document(MediaTypes.Docx, "docx");
            }
            if (isExcel && declared.Contains("spreadsheetml.sheet.main+xml", StringComparison.Ordinal))
            {
                return FileInspection.Document(MediaTypes.Xlsx, "xlsx");
            }
            return FileInspection.Refused($"{invalid}: [Content_Types].xml không khai báo văn bản Word hay bảng tính Excel.");
        }
        catch (InvalidDataException)
        {
            return FileInspection.Refused($"{invalid}: cấu trúc nén bị hỏng.");
        }
    }

    private static FileInspection RefuseUnknown(ReadOnlySpan<byte> data, string name)
    {
        var suffix = $" (tệp “{name}”).";
        if (StartsWith(data, "MZ"u8) || StartsWith(data, [0x7F, (byte)'E', (byte)'L', (byte)'F'])
            || StartsWith(data, [0xCF, 0xFA, 0xED, 0xFE]) || StartsWith(data, [0xCE, 0xFA, 0xED, 0xFE])
            || StartsWith(data, [0xCA, 0xFE, 0xBA, 0xBE]))
        {
            return FileInspection.Refused("Tệp chương trình thực thi không được chấp nhận" + suffix);
        }
        var archive = data switch
        {
            _ when StartsWith(data, "Rar!\x1A\x07"u8) => "RAR",
            _ when StartsWith(data, [(byte)'7', (byte)'z', 0xBC, 0xAF, 0x27, 0x1C]) => "7z",
            _ when StartsWith(data, [0x1F, 0x8B]) => "GZIP",
            _ when StartsWith(data, "BZh"u8) => "BZIP2",
            _ when StartsWith(data, [0xFD, (byte)'7', (byte)'z', (byte)'X', (byte)'Z', 0x00]) => "XZ",
            _ when StartsWith(data, [(byte)'P', (byte)'K', 5, 6]) || StartsWith(data, [(byte)'P', (byte)'K', 7, 8]) => "ZIP",
            _ when data.Length > 262 && data[257..262].SequenceEqual("ustar"u8) => "TAR",
            _ => null,
        };
        if (archive is not null)
        {
            return FileInspection.Refused($"Tệp nén {archive} không được chấp nhận; chỉ nhận văn bản DOCX và bảng tính XLSX" + suffix);
        }

        var head = Encoding.UTF8.GetString(data[..Math.Min(data.Length, 4096)]).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        if (head.Contains("<svg", StringComparison.OrdinalIgnoreCase))
        {
            return FileInspection.Refused("Định dạng SVG không được chấp nhận" + suffix);
        }
        if (head.StartsWith("#!", StringComparison.Ordinal) || head.Contains("<?php", StringComparison.OrdinalIgnoreCase))
        {
            return FileInspection.Refused("Tệp mã lệnh (script) không được chấp nhận" + suffix);
        }
        string[] html = ["<html", "<!doctype html", "<head", "<body", "<script", "<iframe"];
        if (html.Any(t => head.Contains(t, StringComparison.OrdinalIgnoreCase)))
        {
            return FileInspection.Refused("Nội dung HTML không được chấp nhận" + suffix);
        }
        return FileInspection.Refused($"Tệp “{name}” không thuộc định dạng được chấp nhận (JPEG, PNG, WebP, GIF, PDF, DOCX, XLSX).");
    }

    private FileInspection? CheckDimensions(long width, long height, string invalid)
    {
        if (width == 0 || height == 0)
        {
            return FileInspection.Refused($"{invalid}: kích thước ảnh bằng 0.");
        }
        if (width * height > options.MaxPixels)
        {
            var limit = (options.MaxPixels / 1_000_000d).ToString("0.#", Vietnamese);
            return FileInspection.Refused($"Ảnh {width}×{height} điểm ảnh vượt giới hạn {limit} megapixel.");
        }
        if (width > options.MaxWidth || height > options.MaxHeight)
        {
            return FileInspection.Refused($"Ảnh {width}×{height} điểm ảnh vượt kích thước tối đa {options.MaxWidth}×{options.MaxHeight} điểm ảnh.");
        }
        return null;
    }

    /// <summary>Markup near the start, a PDF header where readers look for one, or markup hidden after the end marker.</summary>
    private FileInspection? CheckPolyglot(ReadOnlySpan<byte> data, string name, string format, int end)
    {
        if (FindMarkup(data[..Math.Min(data.Length, options.MarkupScanBytes)]) is { } token)
        {
            return PolyglotRefusal(name, format, token);
        }
        // PDF readers accept "%PDF-" anywhere in the first 1024 bytes.
        if (data[..Math.Min(data.Length, 1024)].IndexOf("%PDF-"u8) >= 0)
        {
            return FileInspection.Refused($"Tệp “{name}” bị từ chối: ảnh {format} có chứa phần đầu của tệp PDF (tệp lai).");
        }
        // Phones append megabytes after the end marker (motion-photo video); four-byte "<svg" would
        // turn up by chance in about 1% of those, so only the longer tokens are looked for there.
        if (end < data.Length && FindMarkup(data[end..], minimumLength: 5) is { } trailing)
        {
            return PolyglotRefusal(name, format, trailing);
        }
        // An archive or a program glued after the end marker makes the file two files at once (a ZIP
        // reader finds its directory from the end). Re-encoding would drop it, but such an upload is
        // refused, as docs/media.md promises; a motion-photo video or padding is not one of these.
        if (end < data.Length && HiddenFileAfterEnd(data[end..]) is { } hidden)
        {
            return FileInspection.Refused($"Tệp “{name}” bị từ chối: sau điểm kết thúc của ảnh {format} còn gắn thêm {hidden} (tệp lai). Hãy lưu lại ảnh bằng phần mềm xem ảnh rồi tải lên bản mới.");
        }
        return null;
    }

    private static string? HiddenFileAfterEnd(ReadOnlySpan<byte> trailing)
    {
        var start = trailing.IndexOfAnyExcept((byte)0);
        if (start < 0)
        {
            return null;
        }
        var rest = trailing[start..];
        if (StartsWith(rest, "MZ"u8) || StartsWith(rest, [0x7F, (byte)'E', (byte)'L', (byte)'F']))
        {
            return "một chương trình thực thi";
        }
        var archive = rest switch
        {
            _ when StartsWith(rest, [(byte)'P', (byte)'K', 3, 4]) => "ZIP",
            _ when StartsWith(rest, "Rar!\x1A\x07"u8) => "RAR",
            _ when StartsWith(rest, [(byte)'7', (byte)'z', 0xBC, 0xAF, 0x27, 0x1C]) => "7z",
            _ when StartsWith(rest, [0x1F, 0x8B]) => "GZIP",
            _ when StartsWith(rest, [0xFD, (byte)'7', (byte)'z', (byte)'X', (byte)'Z', 0x00]) => "XZ",
            _ when StartsWith(rest, "%PDF-"u8) => "PDF",
            // Where a ZIP reader looks for the end-of-central-directory record: the last 64 KiB + 22 bytes.
            _ when trailing[Math.Max(0, trailing.Length - 65_557)..].IndexOf("PK\x05\x06"u8) >= 0 => "ZIP",
            _ => null,
        };
        return archive is null ? null : archive == "PDF" ? "một tệp PDF" : $"một tệp nén {archive}";
    }

    private static FileInspection PolyglotRefusal(string name, string format, string token) =>
        FileInspection.Refused($"Tệp “{name}” bị từ chối: ngoài dữ liệu {format} còn chứa mã HTML/script (“{token}”).");

    private static string? FindMarkup(ReadOnlySpan<byte> data, int minimumLength = 0)
    {
        foreach (var token in MarkupTokens.Where(t => t.Length >= minimumLength))
        {
            if (IndexOfIgnoreCase(data, token) >= 0)
            {
                return token;
            }
        }
        return null;
    }

    private static int IndexOfIgnoreCase(ReadOnlySpan<byte> data, string asciiToken)
    {
        var first = (byte)asciiToken[0];
        var offset = 0;
        while (true)
        {
            var found = data[offset..].IndexOf(first);
            if (found < 0)
            {
                return -1;
            }
            var at = offset + found;
            if (at + asciiToken.Length > data.Length)
            {
                return -1;
            }
            var matches = true;
            for (var i = 1; i < asciiToken.Length && matches; i++)
            {
                matches = char.ToLowerInvariant((char)data[at + i]) == asciiToken[i];
            }
            if (matches)
            {
                return at;
            }
            offset = at + 1;
        }
    }

    private static bool StartsWith(ReadOnlySpan<byte> data, ReadOnlySpan<byte> prefix) => data.StartsWith(prefix);

    private static string Megabytes(long bytes) => (bytes / (1024d * 1024)).ToString("0.#", Vietnamese);
}
