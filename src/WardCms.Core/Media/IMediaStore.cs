namespace WardCms.Core.Media;

/// <summary>A file written to the store: its key, size and whether this call created it (false when the same bytes were already there).</summary>
public sealed record StoredFile(string Key, long Length, bool Created);

/// <summary>Content-addressed file storage: the key is derived from the bytes, never from user input.</summary>
public interface IMediaStore
{
    Task<StoredFile> SaveAsync(Stream content, string extension, CancellationToken ct);

    /// <summary>Null when no file has that key.</summary>
    Task<Stream?> OpenReadAsync(string key, CancellationToken ct);

    /// <summary>
    /// True when a file was removed. Keys are shared by identical uploads, so only delete a key
    /// no other media row references.
    /// </summary>
    Task<bool> DeleteAsync(string key, CancellationToken ct);

    Task<bool> ExistsAsync(string key, CancellationToken ct);
}
