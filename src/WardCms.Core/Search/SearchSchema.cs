namespace WardCms.Core.Search;

/// <summary>
/// Remembers that the index tables exist, so EnsureSchemaAsync runs once per process. The first
/// recipes of a new database are applied before the app starts (and inside their own transaction),
/// so the first index writes may come before startup has created the tables.
/// </summary>
public sealed class SearchSchema
{
    private volatile bool _ready;

    public async Task EnsureAsync(ISearchIndex index, bool insideTransaction, CancellationToken ct = default)
    {
        if (_ready)
        {
            return;
        }
        await index.EnsureSchemaAsync(ct);
        // Tables created inside a caller's transaction vanish if it rolls back: ask again next time.
        if (!insideTransaction)
        {
            _ready = true;
        }
    }
}
