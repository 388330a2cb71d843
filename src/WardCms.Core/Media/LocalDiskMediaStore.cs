using System.Security.Cryptography;

namespace WardCms.Core.Media;

/// <summary>
/// Files under one root folder at ab/cd/&lt;sha256&gt;.ext. A write goes to a temp file in the
/// same file system, is flushed, then renamed into place, so a reader never sees half a file
/// and a crash leaves at most a stray temp file.
/// </summary>
public sealed class LocalDiskMediaStore : IMediaStore
{
    private const string TempFolderName = ".tmp";
    private readonly string _root;

    public LocalDiskMediaStore(MediaOptions options)
        : this(options.RootPath)
    {
    }

    public LocalDiskMediaStore(string rootPath)
    {
        _root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(rootPath, AppContext.BaseDirectory));
    }

    public string RootPath => _root;

    public async Task<StoredFile> SaveAsync(Stream content, string extension, CancellationToken ct)
    {
        var ext = MediaKey.NormalizeExtension(extension);
        var tempFolder = Path.Combine(_root, TempFolderName);
        Directory.CreateDirectory(tempFolder);
        var tempPath = Path.Combine(tempFolder, Guid.NewGuid().ToString("N"));
        try
        {
            string sha;
            long length;
            await using (var file = new FileStream(tempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
            {
                using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                var buffer = new byte[81920];
                int read;
                while ((read = await content.ReadAsync(buffer, ct)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), ct);
                }
                await file.FlushAsync(ct);
                file.Flush(flushToDisk: true);
                length = file.Length;
                sha = Convert.ToHexStringLower(hash.GetHashAndReset());
            }

            var key = MediaKey.For(sha, ext);
            var finalPath = PathOf(key);
            if (File.Exists(finalPath))
            {
                return new StoredFile(key, length, Created: false);
            }
            Directory.CreateDirectory(Path.GetDirectoryName(finalPath)!);
            try
            {
                File.Move(tempPath, finalPath, overwrite: false);
            }
            catch (IOException) when (File.Exists(finalPath))
            {
                // Another upload of the same bytes won the race; its file is identical.
                return new StoredFile(key, length, Created: false);
            }
            return new StoredFile(key, length, Created: true);
        }
        finally
        {
            if (File.Exists(tempPath))
            {
                File.Delete(tempPath);
            }
        }
    }

    public Task<Stream?> OpenReadAsync(string key, CancellationToken ct)
    {
        var path = PathOf(key);
        try
        {
            Stream stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 81920, FileOptions.Asynchronous);
            return Task.FromResult<Stream?>(stream);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return Task.FromResult<Stream?>(null);
        }
    }

    public Task<bool> DeleteAsync(string key, CancellationToken ct)
    {
        var path = PathOf(key);
        if (!File.Exists(path))
        {
            return Task.FromResult(false);
        }
        File.Delete(path);
        return Task.FromResult(true);
    }

    public Task<bool> ExistsAsync(string key, CancellationToken ct) => Task.FromResult(File.Exists(PathOf(key)));

    private string PathOf(string key)
    {
        var segments = MediaKey.Segments(key);
        var path = Path.GetFullPath(Path.Combine(_root, segments[0], segments[1], segments[2]));
        // Unreachable with a valid key; kept so a future change to the key format cannot escape the root.
        if (!path.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ArgumentException("Not a media key.", nameof(key));
        }
        return path;
    }
}
