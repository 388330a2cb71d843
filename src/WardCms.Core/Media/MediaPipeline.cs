using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace WardCms.Core.Media;

/// <summary>
/// Upload → inspect → strip/re-encode → store. The only entry point an upload endpoint needs.
/// A refused or failed upload leaves the store as it was: nothing is written before every
/// output exists and has been re-inspected, and files this call created are removed on failure.
/// </summary>
public sealed class MediaPipeline(
    FileInspector inspector,
    IImageProcessor processor,
    IMediaStore store,
    MediaOptions options,
    ILogger<MediaPipeline>? logger = null)
{
    private readonly ILogger _logger = logger ?? NullLogger<MediaPipeline>.Instance;
    private readonly ExifToolAudit _audit = new(options);

    public async Task<MediaUploadResult> ProcessAsync(Stream content, string fileName, CancellationToken ct)
    {
        var name = FileInspector.DisplayName(fileName);
        var bytes = await ReadBoundedAsync(content, options.MaxFileBytes, ct);
        if (bytes is null)
        {
            return MediaUploadResult.Refused(inspector.TooLargeMessage(name, content.CanSeek ? content.Length : null));
        }

        var inspection = inspector.Inspect(bytes, name);
        if (!inspection.IsAccepted)
        {
            _logger.LogInformation("Upload {FileName} refused: {Reason}", name, inspection.Error);
            return MediaUploadResult.Refused(inspection.Error!);
        }
        var uploadSha = Convert.ToHexStringLower(SHA256.HashData(bytes));

        if (inspection.Kind == MediaKind.Document)
        {
            // Documents are stored as uploaded; inspection has already bounded what they may be.
            var stored = await store.SaveAsync(new MemoryStream(bytes, writable: false), inspection.Extension, ct);
            var original = new MediaFile(stored.Key, MediaVariantRole.Original, inspection.MediaType, stored.Length, null, null);
            return new MediaUploadResult(
                new MediaDescriptor(inspection.Kind, inspection.MediaType, inspection.Extension, name, uploadSha, bytes.Length, null, null, original, []),
                null);
        }

        var workFolder = Path.Combine(Path.GetTempPath(), "wardcms-media-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(workFolder);
        try
        {
            var inputPath = Path.Combine(workFolder, "input." + inspection.Extension);
            await File.WriteAllBytesAsync(inputPath, bytes, ct);
            IReadOnlyList<ProcessedImage> outputs;
            try
            {
                outputs = await processor.ProcessAsync(inputPath, inspection, workFolder, ct);
            }
            catch (MediaProcessingException ex)
            {
                _logger.LogWarning(ex, "Processing upload {FileName} failed", name);
                return MediaUploadResult.Refused(ex.TimedOut
                    ? $"Xử lý ảnh “{name}” quá thời gian cho phép ({options.ProcessTimeout.TotalSeconds:0} giây). Vui lòng dùng ảnh nhỏ hơn."
                    : $"Không xử lý được ảnh “{name}”: nội dung ảnh bị hỏng hoặc không được hỗ trợ.");
            }

            // Re-inspect every output: the tools' results must pass the same gate as uploads.
            var checkedOutputs = new List<(ProcessedImage Output, byte[] Bytes, FileInspection Inspection)>();
            foreach (var output in outputs)
            {
                var outputBytes = await File.ReadAllBytesAsync(output.Path, ct);
                var outputInspection = inspector.Inspect(outputBytes, Path.GetFileName(output.Path), enforceByteLimit: false);
                if (!outputInspection.IsAccepted || outputInspection.MediaType != output.MediaType)
                {
                    _logger.LogWarning("Processor output {Path} failed inspection: {Reason}", output.Path, outputInspection.Error);
                    return MediaUploadResult.Refused($"Không xử lý được ảnh “{name}”: nội dung ảnh bị hỏng hoặc không được hỗ trợ.");
                }
                checkedOutputs.Add((output, outputBytes, outputInspection));
            }
            if (!checkedOutputs.Exists(o => o.Output.Role == MediaVariantRole.Original))
            {
                throw new InvalidOperationException($"{processor.GetType().Name} produced no original.");
            }
            if (!await PassesAuditAsync(outputs, name, ct))
            {
                return MediaUploadResult.Refused($"Không xử lý được ảnh “{name}”: không xóa được thông tin vị trí/thiết bị khỏi ảnh.");
            }

            return new MediaUploadResult(await StoreAllAsync(inspection, name, uploadSha, bytes.Length, checkedOutputs, ct), null);
        }
        finally
        {
            TryDeleteFolder(workFolder);
        }
    }

    private async Task<MediaDescriptor> StoreAllAsync(
        FileInspection inspection,
        string name,
        string uploadSha,
        long uploadLength,
        List<(ProcessedImage Output, byte[] Bytes, FileInspection Inspection)> outputs,
        CancellationToken ct)
    {
        var created = new List<string>();
        try
        {
            var files = new List<MediaFile>();
            foreach (var (output, outputBytes, outputInspection) in outputs)
            {
                var stored = await store.SaveAsync(new MemoryStream(outputBytes, writable: false), outputInspection.Extension, ct);
                if (stored.Created)
                {
                    created.Add(stored.Key);
                }
                files.Add(new MediaFile(stored.Key, output.Role, output.MediaType, stored.Length, outputInspection.Width, outputInspection.Height));
            }
            var original = files.First(f => f.Role == MediaVariantRole.Original);
            return new MediaDescriptor(inspection.Kind, inspection.MediaType, inspection.Extension, name, uploadSha, uploadLength,
                original.Width, original.Height, original, files.Where(f => f != original).ToList());
        }
        catch
        {
            // Only files this call created: an identical file already there belongs to another media item.
            foreach (var key in created)
            {
                await store.DeleteAsync(key, CancellationToken.None);
            }
            throw;
        }
    }

    private async Task<bool> PassesAuditAsync(IReadOnlyList<ProcessedImage> outputs, string name, CancellationToken ct)
    {
        try
        {
            var revealing = await _audit.FindRevealingTagsAsync(outputs.Select(o => o.Path).ToList(), ct);
            if (revealing.Count > 0)
            {
                _logger.LogError("Metadata survived processing of {FileName}: {Tags}", name, string.Join(", ", revealing));
                return false;
            }
            return true;
        }
        catch (MediaProcessingException ex)
        {
            // Refuse rather than store unchecked when the audit was asked for but cannot run.
            _logger.LogError(ex, "The exiftool audit of {FileName} failed", name);
            return false;
        }
    }

    /// <summary>The whole stream, or null once it passes the limit (without reading the rest).</summary>
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

    private void TryDeleteFolder(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException ex)
        {
            _logger.LogWarning(ex, "Could not delete media work folder {Folder}", folder);
        }
    }
}
