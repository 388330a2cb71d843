using System.Buffers.Binary;
using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace WardCms.Tests.Media;

/// <summary>
/// Builds every test file at run time (no binary fixtures in git): images with the installed
/// vips, PNG/PDF/DOCX/XLSX by hand, metadata with exiftool.
/// </summary>
public static class MediaSamples
{
    public static string NewTempFolder(string prefix)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"wardcms-{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>A noisy RGB image made by vips, saved in the format the extension names (e.g. "x.jpg[Q=85]").</summary>
    public static byte[] VipsImage(int width, int height, string extension, string saveOptions = "")
    {
        var folder = NewTempFolder("sample");
        try
        {
            var noise = Path.Combine(folder, "n.v");
            var rgb = Path.Combine(folder, "rgb.v");
            var output = Path.Combine(folder, "out." + extension);
            Run("vips", "gaussnoise", noise, width.ToString(), height.ToString(), "--sigma", "30", "--mean", "120");
            Run("vips", "bandjoin", $"{noise} {noise} {noise}", rgb);
            Run("vips", "copy", rgb, output + saveOptions);
            return File.ReadAllBytes(output);
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    /// <summary>Writes tags with exiftool (e.g. "-GPSLatitude=21.0") and returns the new bytes.</summary>
    public static byte[] WithExifTool(byte[] image, string extension, params string[] tags)
    {
        var folder = NewTempFolder("exif");
        try
        {
            var path = Path.Combine(folder, "in." + extension);
            File.WriteAllBytes(path, image);
            Run("exiftool", [.. tags, "-overwrite_original", "-q", path]);
            return File.ReadAllBytes(path);
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    public static readonly string[] PhoneTags =
    [
        "-GPSLatitude=21.0", "-GPSLatitudeRef=N", "-GPSLongitude=105.85", "-GPSLongitudeRef=E",
        "-Make=Samsung", "-Model=SM-S918B",
    ];

    /// <summary>All tags exiftool reads from a file, group-qualified ("GPS:GPSLatitude", "IFD0:Make"…).</summary>
    public static Dictionary<string, string> ReadTags(byte[] file, string extension)
    {
        var folder = NewTempFolder("read");
        try
        {
            var path = Path.Combine(folder, "f." + extension);
            File.WriteAllBytes(path, file);
            var json = Run("exiftool", "-json", "-a", "-G1", "-n", path);
            using var doc = JsonDocument.Parse(json);
            return doc.RootElement[0].EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ToString());
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    /// <summary>Tag names that would give away where or with what a photo was taken, or any EXIF/XMP block at all.</summary>
    public static List<string> RevealingTags(Dictionary<string, string> tags) =>
        tags.Keys.Where(k => k.Contains("GPS", StringComparison.OrdinalIgnoreCase)
                || k.EndsWith(":Make", StringComparison.Ordinal)
                || k.EndsWith(":Model", StringComparison.Ordinal)
                || k.StartsWith("IFD0:", StringComparison.Ordinal)
                || k.StartsWith("ExifIFD:", StringComparison.Ordinal)
                || k.StartsWith("XMP", StringComparison.Ordinal))
            .ToList();

    /// <summary>A valid 8-bit RGB PNG written by hand, with optional extra chunks before IDAT.</summary>
    public static byte[] Png(int width, int height, params (string Type, byte[] Data)[] extraChunks)
    {
        using var output = new MemoryStream();
        output.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8; // bit depth
        ihdr[9] = 2; // truecolour
        WriteChunk(output, "IHDR", ihdr);
        foreach (var (type, data) in extraChunks)
        {
            WriteChunk(output, type, data);
        }
        using var raw = new MemoryStream();
        using (var z = new ZLibStream(raw, CompressionLevel.Fastest, leaveOpen: true))
        {
            var row = new byte[1 + (width * 3)];
            for (var y = 0; y < height; y++)
            {
                for (var x = 1; x < row.Length; x++)
                {
                    row[x] = (byte)((x + y) * 7);
                }
                z.Write(row);
            }
        }
        WriteChunk(output, "IDAT", raw.ToArray());
        WriteChunk(output, "IEND", []);
        return output.ToArray();
    }

    /// <summary>Just a signature and an IHDR (with a correct CRC) declaring any size.</summary>
    public static byte[] PngHeaderOnly(int width, int height)
    {
        using var output = new MemoryStream();
        output.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8;
        ihdr[9] = 2;
        WriteChunk(output, "IHDR", ihdr);
        WriteChunk(output, "IDAT", [0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]);
        WriteChunk(output, "IEND", []);
        return output.ToArray();
    }

    public static void WriteChunk(Stream output, string type, byte[] data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        output.Write(length);
        var typeAndData = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        output.Write(typeAndData);
        Span<byte> crc = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typeAndData));
        output.Write(crc);
    }

    public static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }
        return crc ^ 0xFFFFFFFFu;
    }

    public static byte[] Pdf() => Encoding.ASCII.GetBytes(
        "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n" +
        "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n" +
        "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj\n" +
        "trailer << /Root 1 0 R >>\n%%EOF\n");

    public static byte[] Docx() => Zip(
        ("[Content_Types].xml", """
            <?xml version="1.0" encoding="UTF-8"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
              <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
              <Default Extension="xml" ContentType="application/xml"/>
              <Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
            </Types>
            """),
        ("_rels/.rels", """
            <?xml version="1.0" encoding="UTF-8"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
              <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
            </Relationships>
            """),
        ("word/document.xml", """
            <?xml version="1.0" encoding="UTF-8"?>
            <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
              <w:body><w:p><w:r><w:t>Thông báo của UBND phường</w:t></w:r></w:p></w:body>
            </w:document>
            """));

    public static byte[] Xlsx() => Zip(
        ("[Content_Types].xml", """
            <?xml version="1.0" encoding="UTF-8"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
              <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
              <Default Extension="xml" ContentType="application/xml"/>
              <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
              <Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
            </Types>
            """),
        ("_rels/.rels", """
            <?xml version="1.0" encoding="UTF-8"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
              <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
            </Relationships>
            """),
        ("xl/workbook.xml", """
            <?xml version="1.0" encoding="UTF-8"?>
            <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
              <sheets><sheet name="Tổ dân phố" sheetId="1" r:id="rId1"/></sheets>
            </workbook>
            """),
        ("xl/_rels/workbook.xml.rels", """
            <?xml version="1.0" encoding="UTF-8"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
              <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
            </Relationships>
            """),
        ("xl/worksheets/sheet1.xml", """
            <?xml version="1.0" encoding="UTF-8"?>
            <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>
            """));

    public static byte[] Zip(params (string Name, string Text)[] entries)
    {
        using var output = new MemoryStream();
        using (var archive = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in entries)
            {
                using var writer = new StreamWriter(archive.CreateEntry(name).Open(), new UTF8Encoding(false));
                writer.Write(text);
            }
        }
        return output.ToArray();
    }

    /// <summary>A zip whose one entry inflates from a few hundred kilobytes to hundreds of megabytes.</summary>
    public static byte[] ZipBomb()
    {
        using var output = new MemoryStream();
        using (var archive = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var types = new StreamWriter(archive.CreateEntry("[Content_Types].xml").Open());
            types.Write("<Types/>");
            types.Dispose();
            using var entry = archive.CreateEntry("word/document.xml", CompressionLevel.SmallestSize).Open();
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 300; i++)
            {
                entry.Write(zeros);
            }
        }
        return output.ToArray();
    }

    public static string Run(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} {string.Join(' ', arguments)} failed: {stderr.Result}");
        }
        return stdout.Result;
    }
}
