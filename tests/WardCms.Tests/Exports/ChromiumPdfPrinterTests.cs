using System.Diagnostics;
using System.Text;
using WardCms.Core.Exports;

namespace WardCms.Tests.Exports;

// Runs the real /usr/bin/chromium (see shared/PACKAGES.md); on a machine without it these fail
// with the printer's own "not found" message, which is the point.
public sealed class ChromiumPdfPrinterTests : IDisposable
{
    private const string Title = "Đăng ký tạm trú trực tuyến — cải cách hành chính năm 2025";
    private const string Tones = "ả ã ạ ặ ẫ ỡ ự ỹ Đ đ";

    private readonly string _dir = Directory.CreateTempSubdirectory("wardcms-pdftest-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private Uri WriteHtml()
    {
        var path = Path.Combine(_dir, "in.html");
        File.WriteAllText(path, $$"""
            <!doctype html>
            <html lang="vi">
            <head><meta charset="utf-8"><title>In</title>
            <style>body { font-family: "Liberation Serif"; font-size: 14pt; } @page { size: A4; margin: 20mm 15mm 20mm 30mm; }</style>
            </head>
            <body><p>{{Title}}</p><p>{{Tones}}</p></body>
            </html>
            """, new UTF8Encoding(false));
        return new Uri(path);
    }

    private static string Run(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, UseShellExecute = false, StandardOutputEncoding = Encoding.UTF8 };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        return output;
    }

    private static string[] Lines(string text) =>
        text.Normalize(NormalizationForm.FormC).Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToArray();

    [Fact]
    public async Task PrintToPdf_VietnamesePage_TextExtractsIdenticallyAndFontsAreEmbedded()
    {
        var printer = new ChromiumPdfPrinter();
        Assert.True(printer.IsAvailable, $"Chromium is expected at {printer.ExecutablePath}");

        var pdf = await printer.PrintToPdfAsync(WriteHtml(), CancellationToken.None);

        Assert.Equal("%PDF-", Encoding.ASCII.GetString(pdf, 0, 5));
        var pdfPath = Path.Combine(_dir, "out.pdf");
        await File.WriteAllBytesAsync(pdfPath, pdf);

        // -raw keeps the content-stream order and the spaces exactly.
        Assert.Equal([Title, Tones], Lines(Run("pdftotext", "-raw", pdfPath, "-")));
        // Chromium writes no space glyphs; pdftotext's other modes infer spaces from gaps and do
        // not put them between one-letter words, so the tone-mark line is compared without them.
        var tonesWithoutSpaces = Tones.Replace(" ", "", StringComparison.Ordinal);
        Assert.Equal([Title, tonesWithoutSpaces], Lines(Run("pdftotext", pdfPath, "-")));
        Assert.Equal([Title, tonesWithoutSpaces], Lines(Run("pdftotext", "-layout", pdfPath, "-")));

        var fonts = Run("pdffonts", pdfPath).Split('\n').Skip(2).Where(l => l.Length > 0).ToList();
        Assert.NotEmpty(fonts);
        Assert.Contains(fonts, f => f.Contains("LiberationSerif", StringComparison.Ordinal));
        // Columns: name type encoding emb sub uni object ID; every font must be embedded.
        Assert.All(fonts, f => Assert.Contains(" yes ", f[f.IndexOf("Identity", StringComparison.Ordinal)..]));
    }

    [Fact]
    public async Task PrintToPdf_ToAStream_WritesThePdf()
    {
        var destination = new NonSeekableStream();

        await new ChromiumPdfPrinter().PrintToPdfAsync(WriteHtml(), destination, CancellationToken.None);

        Assert.StartsWith("%PDF-", Encoding.ASCII.GetString(destination.Inner.ToArray(), 0, 5));
    }

    [Fact]
    public async Task PrintToPdf_MissingPage_FailsWithChromiumsReason()
    {
        var missing = new Uri(Path.Combine(_dir, "khong-co.html"));

        var ex = await Assert.ThrowsAsync<ChromiumPdfException>(() => new ChromiumPdfPrinter().PrintToPdfAsync(missing, CancellationToken.None));

        Assert.Contains("ERR_FILE_NOT_FOUND", ex.Message);
        Assert.Contains("khong-co.html", ex.Message);
    }

    [Fact]
    public async Task PrintToPdf_WithoutChromium_SaysWhereItLookedAndWhatToInstall()
    {
        var printer = new ChromiumPdfPrinter(new ChromiumPdfOptions { ExecutablePath = "/khong/co/chromium" });

        Assert.False(printer.IsAvailable);
        var ex = await Assert.ThrowsAsync<ChromiumPdfException>(() => printer.PrintToPdfAsync(WriteHtml(), CancellationToken.None));
        Assert.Contains("/khong/co/chromium", ex.Message);
        Assert.Contains("apt-get install chromium", ex.Message);
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task PrintToPdf_WhenTheBrowserHangs_KillsItsProcessTreeAndCleansUp()
    {
        // A stand-in "browser" that starts a child and never exits.
        var marker = Path.Combine(_dir, "child.pid");
        var arguments = Path.Combine(_dir, "arguments.txt");
        var fake = Path.Combine(_dir, "hung-chromium.sh");
        File.WriteAllText(fake, $"#!/bin/sh\nprintf '%s\\n' \"$@\" > '{arguments}'\nsleep 300 &\necho $! > '{marker}'\nwait\n");
        File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var printer = new ChromiumPdfPrinter(new ChromiumPdfOptions { ExecutablePath = fake, Timeout = TimeSpan.FromSeconds(1) });

        var ex = await Assert.ThrowsAsync<ChromiumPdfException>(() => printer.PrintToPdfAsync(WriteHtml(), CancellationToken.None));

        Assert.Contains("1 giây", ex.Message);
        var child = int.Parse(File.ReadAllText(marker).Trim());
        Assert.False(Directory.Exists($"/proc/{child}") && !File.ReadAllText($"/proc/{child}/stat").Contains(") Z ", StringComparison.Ordinal),
            $"the browser's child process {child} is still running");
        // Its own work folder is gone (other tests print PDFs at the same time, so count nothing else).
        var workDir = File.ReadAllLines(arguments).Select(a => System.Text.RegularExpressions.Regex.Match(a, @"(/[^=\s]*wardcms-pdf-[0-9a-f]{32})").Groups[1].Value)
            .First(d => d.Length > 0);
        Assert.False(Directory.Exists(workDir), $"the work folder {workDir} was left behind");
    }

    [Fact]
    public async Task PrintToPdf_RelativeOrJavascriptUrl_IsRejectedBeforeStartingChromium()
    {
        var printer = new ChromiumPdfPrinter(new ChromiumPdfOptions { ExecutablePath = "/khong/co/chromium" });

        await Assert.ThrowsAsync<ArgumentException>(() => printer.PrintToPdfAsync(new Uri("javascript:alert(1)"), CancellationToken.None));
    }
}
