using System.Security.Cryptography;

namespace WardCms.Core.Radio;

public sealed record AudioKind(string Extension, string ContentType, string Name);

public sealed class AudioUploadException(string message) : Exception(message);

/// <summary>
/// The audio citizens hear for an aired bulletin: the recorded reading uploaded by radio staff, or,
/// when staff choose it, the synthetic draft. Files live under the data folder's radio-audio/, named
/// by content, and are always served compressed (MP3, OGG/Opus or M4A), never as WAV.
/// </summary>
public sealed class BulletinAudio(string folder, SpeechSynthesizer speech)
{
    public const long MaxBytes = 60L * 1024 * 1024;
    public const string AcceptedFormats = "WAV, MP3, OGG, Opus hoặc M4A";

    public static readonly AudioKind Wav = new("wav", "audio/wav", "WAV");
    public static readonly AudioKind Mp3 = new("mp3", "audio/mpeg", "MP3");
    public static readonly AudioKind OggVorbis = new("ogg", "audio/ogg", "OGG");
    public static readonly AudioKind Opus = new("opus", "audio/ogg", "Opus");
    public static readonly AudioKind M4a = new("m4a", "audio/mp4", "M4A");

    private static readonly AudioKind[] Served = [Mp3, OggVorbis, Opus, M4a];

    public string Folder { get; } = Path.GetFullPath(folder);

    /// <summary>What the first bytes say the file is; null when it is not an audio format we accept. The name is never trusted.</summary>
    public static AudioKind? Sniff(ReadOnlySpan<byte> head)
    {
        if (head.Length >= 12 && head[..4].SequenceEqual("RIFF"u8) && head[8..12].SequenceEqual("WAVE"u8))
        {
            return Wav;
        }
        if (head.Length >= 36 && head[..4].SequenceEqual("OggS"u8))
        {
            // The first page holds the codec's identification header at byte 28.
            return head[28..36].SequenceEqual("OpusHead"u8) ? Opus
                : head[28..35].SequenceEqual("\u0001vorbis"u8) ? OggVorbis
                : null;
        }
        if (head.Length >= 12 && head[4..8].SequenceEqual("ftyp"u8))
        {
            var brand = System.Text.Encoding.ASCII.GetString(head[8..12]);
            return brand is "M4A " or "M4B " or "mp42" or "mp41" or "isom" or "iso2" ? M4a : null;
        }
        if (head.Length >= 3 && head[..3].SequenceEqual("ID3"u8))
        {
            return Mp3;
        }
        // An MPEG audio frame: 11 sync bits, layer III (01), a bitrate index that is neither free nor bad.
        if (head.Length >= 3 && head[0] == 0xFF && (head[1] & 0xE0) == 0xE0 && (head[1] & 0x06) == 0x02 && (head[2] & 0xF0) is not (0x00 or 0xF0))
        {
            return Mp3;
        }
        return null;
    }

    public static AudioKind? KindOfFile(string fileName) =>
        Served.FirstOrDefault(k => string.Equals(Path.GetExtension(fileName), "." + k.Extension, StringComparison.OrdinalIgnoreCase));

    public string? PathOf(string? fileName) =>
        fileName is null || fileName.Contains('/') || fileName.Contains('\\') || KindOfFile(fileName) is null ? null : Path.Combine(Folder, fileName);

    /// <summary>
    /// Stores a recorded reading checked by its content; a WAV is made into an MP3 for listeners.
    /// Returns the stored file name. Throws <see cref="AudioUploadException"/> with a message for staff.
    /// </summary>
    public async Task<string> SaveRecordingAsync(Stream content, string uploadName, long length, CancellationToken ct = default)
    {
        if (length == 0)
        {
            throw new AudioUploadException($"Tệp “{uploadName}” rỗng.");
        }
        if (length > MaxBytes)
        {
            throw new AudioUploadException($"Tệp “{uploadName}” nặng {length / 1024.0 / 1024.0:0.#} MB, quá giới hạn {MaxBytes / 1024 / 1024} MB; hãy lưu bản ghi dạng MP3.");
        }
        Directory.CreateDirectory(Folder);
        var temp = Path.Combine(Folder, ".tmp-" + Guid.NewGuid().ToString("N"));
        try
        {
            long written;
            await using (var file = File.Create(temp))
            {
                await content.CopyToAsync(file, ct);
                written = file.Length;
            }
            if (written > MaxBytes)
            {
                throw new AudioUploadException($"Tệp “{uploadName}” quá giới hạn {MaxBytes / 1024 / 1024} MB.");
            }
            var head = new byte[64];
            int read;
            await using (var file = File.OpenRead(temp))
            {
                read = await file.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, ct);
            }
            var kind = Sniff(head.AsSpan(0, read))
                ?? throw new AudioUploadException($"Tệp “{uploadName}” không phải bản ghi âm {AcceptedFormats} (hệ thống kiểm tra nội dung tệp, không dựa vào tên tệp).");
            var hash = await HashAsync(temp, ct);
            if (kind == Wav)
            {
                // Listeners on a phone get an MP3 a tenth of the size; the WAV itself is not kept.
                var mp3Name = hash + ".mp3";
                var wav = temp + ".wav"; // sox reads the format from the extension
                File.Move(temp, wav);
                try
                {
                    await speech.ConvertAsync(wav, Path.Combine(Folder, mp3Name), ct);
                }
                catch (Exception e) when (e is SpeechSynthesisException or System.ComponentModel.Win32Exception)
                {
                    throw new AudioUploadException($"Không chuyển được tệp WAV “{uploadName}” sang MP3 (tệp hỏng, hoặc máy chủ thiếu sox); hãy tải lên bản MP3.");
                }
                finally
                {
                    File.Delete(wav);
                }
                return mp3Name;
            }
            var name = hash + "." + kind.Extension;
            File.Move(temp, Path.Combine(Folder, name), overwrite: true);
            return name;
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>Copies the synthetic draft's MP3 into the public folder: the staff's explicit choice to let citizens hear machine speech.</summary>
    public async Task<string> PublishSyntheticAsync(SpeechResult draft, CancellationToken ct = default)
    {
        var mp3 = await speech.Mp3Async(draft, ct);
        Directory.CreateDirectory(Folder);
        var name = "tts-" + draft.Hash[..32] + ".mp3";
        File.Copy(mp3, Path.Combine(Folder, name), overwrite: true);
        return name;
    }

    private static async Task<string> HashAsync(string path, CancellationToken ct)
    {
        await using var file = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(file, ct))[..32];
    }
}
