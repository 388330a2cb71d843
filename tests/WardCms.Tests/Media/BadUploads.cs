using System.Text;

namespace WardCms.Tests.Media;

/// <summary>The corpus of uploads that must be refused, each with the message the uploader should see.</summary>
public static class BadUploads
{
    private static readonly Lazy<byte[]> Jpeg = new(() => MediaSamples.VipsImage(320, 240, "jpg", "[Q=80]"));
    private static readonly Lazy<byte[]> Gif = new(() => MediaSamples.VipsImage(64, 48, "gif"));
    private static readonly Lazy<byte[]> Webp = new(() => MediaSamples.VipsImage(64, 48, "webp"));

    public static TheoryData<string> Names => [.. Cases.Keys];

    public static (string FileName, byte[] Content, string Message) Get(string name) => Cases[name]();

    private static readonly Dictionary<string, Func<(string, byte[], string)>> Cases = new()
    {
        ["empty file"] = () => ("rong.jpg", [], "Tệp “rong.jpg” rỗng (0 byte)."),
        ["SVG renamed .jpg"] = () => ("logo.jpg",
            Ascii("<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"),
            "Định dạng SVG không được chấp nhận (tệp “logo.jpg”)."),
        ["HTML renamed .png"] = () => ("anh.png",
            Ascii("<!DOCTYPE html><html><body><script>document.cookie</script></body></html>"),
            "Nội dung HTML không được chấp nhận (tệp “anh.png”)."),
        ["PHP renamed .gif"] = () => ("shell.gif", Ascii("<?php system($_GET['c']); ?>"),
            "Tệp mã lệnh (script) không được chấp nhận (tệp “shell.gif”)."),
        ["shell script"] = () => ("cai-dat.pdf", Ascii("#!/bin/sh\nrm -rf /\n"),
            "Tệp mã lệnh (script) không được chấp nhận (tệp “cai-dat.pdf”)."),
        ["Windows executable"] = () => ("setup.jpg", [.. Ascii("MZ"), 0x90, 0x00, 0x03, .. Ascii("This program cannot be run in DOS mode")],
            "Tệp chương trình thực thi không được chấp nhận (tệp “setup.jpg”)."),
        ["ELF executable"] = () => ("a.png", [0x7F, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0, 0, 0],
            "Tệp chương trình thực thi không được chấp nhận (tệp “a.png”)."),
        ["RAR archive"] = () => ("hoso.docx", [.. Ascii("Rar!"), 0x1A, 0x07, 0x01, 0x00, 0x33, 0x92],
            "Tệp nén RAR không được chấp nhận; chỉ nhận văn bản DOCX và bảng tính XLSX (tệp “hoso.docx”)."),
        ["7z archive"] = () => ("hoso.xlsx", [(byte)'7', (byte)'z', 0xBC, 0xAF, 0x27, 0x1C, 0x00, 0x04],
            "Tệp nén 7z không được chấp nhận; chỉ nhận văn bản DOCX và bảng tính XLSX (tệp “hoso.xlsx”)."),
        ["gzip archive"] = () => ("hoso.pdf", [0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00],
            "Tệp nén GZIP không được chấp nhận; chỉ nhận văn bản DOCX và bảng tính XLSX (tệp “hoso.pdf”)."),
        ["plain zip named .docx"] = () => ("baocao.docx", MediaSamples.Zip(("baocao.txt", "không phải Word")),
            "Tệp nén ZIP không được chấp nhận; chỉ nhận văn bản DOCX và bảng tính XLSX (tệp “baocao.docx”)."),
        ["macro-enabled Word file"] = () => ("macro.docx", WithVba(MediaSamples.Docx()),
            "Tệp “macro.docx” chứa macro (VBA); chỉ nhận DOCX/XLSX không có macro."),
        ["zip bomb named .docx"] = () => ("bom.docx", MediaSamples.ZipBomb(),
            "Tệp “bom.docx” bị từ chối: dữ liệu nén khai báo 300 MB khi giải nén, vượt giới hạn an toàn (nghi là “bom nén”)."),
        ["truncated JPEG"] = () => ("cut.jpg", Jpeg.Value[..(Jpeg.Value.Length / 2)],
            "Tệp “cut.jpg” không phải ảnh JPEG hợp lệ: tệp bị cắt cụt."),
        ["JPEG missing only its EOI marker"] = () => ("eoi.jpg", Jpeg.Value[..^2],
            "Tệp “eoi.jpg” không phải ảnh JPEG hợp lệ: tệp bị cắt cụt."),
        ["JPEG with script after EOI"] = () => ("after.jpg", [.. Jpeg.Value, .. Ascii("<script>alert(1)</script>")],
            "Tệp “after.jpg” bị từ chối: ngoài dữ liệu JPEG còn chứa mã HTML/script (“<script”)."),
        ["JPEG with a ZIP appended"] = () => ("zip.jpg", [.. Jpeg.Value, .. MediaSamples.Zip(("ghi-chu.txt", "tệp ẩn sau ảnh"))],
            "Tệp “zip.jpg” bị từ chối: sau điểm kết thúc của ảnh JPEG còn gắn thêm một tệp nén ZIP (tệp lai). Hãy lưu lại ảnh bằng phần mềm xem ảnh rồi tải lên bản mới."),
        ["PNG with a program appended after padding"] = () => ("exe.png", [.. MediaSamples.Png(16, 16), 0, 0, 0, 0, .. Ascii("MZ"), 0x90, 0x00],
            "Tệp “exe.png” bị từ chối: sau điểm kết thúc của ảnh PNG còn gắn thêm một chương trình thực thi (tệp lai). Hãy lưu lại ảnh bằng phần mềm xem ảnh rồi tải lên bản mới."),
        ["JPEG with PHP in a comment segment"] = () => ("com.jpg", WithJpegComment(Jpeg.Value, "<?php eval($_POST[1]); ?>"),
            "Tệp “com.jpg” bị từ chối: ngoài dữ liệu JPEG còn chứa mã HTML/script (“<?php”)."),
        ["JPEG/PDF polyglot"] = () => ("poly.jpg", WithJpegComment(Jpeg.Value, "%PDF-1.4 1 0 obj"),
            "Tệp “poly.jpg” bị từ chối: ảnh JPEG có chứa phần đầu của tệp PDF (tệp lai)."),
        ["JPEG wider than 12000 px"] = () => ("rong.jpg", WithJpegSize(Jpeg.Value, 20000, 100),
            "Ảnh 20000×100 điểm ảnh vượt kích thước tối đa 12000×12000 điểm ảnh."),
        ["PNG declaring 100000×100000"] = () => ("bom.png", MediaSamples.PngHeaderOnly(100_000, 100_000),
            "Ảnh 100000×100000 điểm ảnh vượt giới hạn 50 megapixel."),
        ["PNG with a bad IHDR CRC"] = () => ("crc.png", FlipByte(MediaSamples.Png(8, 8), 29),
            "Tệp “crc.png” không phải ảnh PNG hợp lệ: mã kiểm tra (CRC) của phần đầu IHDR sai."),
        ["truncated PNG"] = () => ("cut.png", MediaSamples.Png(64, 64)[..^20],
            "Tệp “cut.png” không phải ảnh PNG hợp lệ: tệp bị cắt cụt."),
        ["GIF with script in a comment"] = () => ("poly.gif", WithGifComment(Gif.Value, "<script src=//evil.example/x.js></script>"),
            "Tệp “poly.gif” bị từ chối: ngoài dữ liệu GIF còn chứa mã HTML/script (“<script”)."),
        ["GIF with HTML after the trailer"] = () => ("tail.gif", [.. Gif.Value, .. Ascii("<html><body onload=alert(1)>")],
            "Tệp “tail.gif” bị từ chối: ngoài dữ liệu GIF còn chứa mã HTML/script (“<html”)."),
        ["truncated GIF"] = () => ("cut.gif", Gif.Value[..^1],
            "Tệp “cut.gif” không phải ảnh GIF hợp lệ: tệp bị cắt cụt."),
        ["truncated WebP"] = () => ("cut.webp", Webp.Value[..^10],
            "Tệp “cut.webp” không phải ảnh WebP hợp lệ: tệp bị cắt cụt."),
        ["PDF without %%EOF"] = () => ("cut.pdf", MediaSamples.Pdf()[..^8],
            "Tệp “cut.pdf” không phải tệp PDF hợp lệ: tệp bị cắt cụt (thiếu dấu kết thúc %%EOF)."),
        ["random bytes"] = () => ("du-lieu.jpg", [0x00, 0x01, 0x02, 0x03, 0x04, 0x05],
            "Tệp “du-lieu.jpg” không thuộc định dạng được chấp nhận (JPEG, PNG, WebP, GIF, PDF, DOCX, XLSX)."),
    };

    private static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);

    private static byte[] FlipByte(byte[] data, int at)
    {
        var copy = data.ToArray();
        copy[at] ^= 0xFF;
        return copy;
    }

    /// <summary>Inserts a COM segment right after SOI, where polyglots put their second format.</summary>
    public static byte[] WithJpegComment(byte[] jpeg, string comment)
    {
        var text = Ascii(comment);
        var length = text.Length + 2;
        return [0xFF, 0xD8, 0xFF, 0xFE, (byte)(length >> 8), (byte)length, .. text, .. jpeg[2..]];
    }

    /// <summary>Rewrites the frame size in the first SOF0/SOF2 segment.</summary>
    public static byte[] WithJpegSize(byte[] jpeg, int width, int height)
    {
        var copy = jpeg.ToArray();
        for (var i = 2; i < copy.Length - 9; i++)
        {
            if (copy[i] == 0xFF && copy[i + 1] is 0xC0 or 0xC2)
            {
                copy[i + 5] = (byte)(height >> 8);
                copy[i + 6] = (byte)height;
                copy[i + 7] = (byte)(width >> 8);
                copy[i + 8] = (byte)width;
                return copy;
            }
        }
        throw new InvalidOperationException("No SOF found.");
    }

    /// <summary>Inserts a comment extension just before the trailer.</summary>
    public static byte[] WithGifComment(byte[] gif, string comment)
    {
        var text = Ascii(comment);
        return [.. gif[..^1], 0x21, 0xFE, (byte)text.Length, .. text, 0x00, 0x3B];
    }

    private static byte[] WithVba(byte[] docx)
    {
        using var stream = new MemoryStream();
        stream.Write(docx);
        using (var archive = new System.IO.Compression.ZipArchive(stream, System.IO.Compression.ZipArchiveMode.Update, leaveOpen: true))
        {
            using var entry = archive.CreateEntry("word/vbaProject.bin").Open();
            entry.Write([0xD0, 0xCF, 0x11, 0xE0]);
        }
        return stream.ToArray();
    }
}
