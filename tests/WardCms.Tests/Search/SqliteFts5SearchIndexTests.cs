using Microsoft.Data.Sqlite;
using WardCms.Core.Search;

namespace WardCms.Tests.Search;

public sealed class SqliteFts5SearchIndexTests : SearchIndexSpecification
{
    // An in-memory database lives as long as its connection, so the test keeps it open.
    private readonly SqliteConnection _connection = new("Data Source=:memory:");

    protected override async Task<ISearchIndex> CreateIndexAsync()
    {
        await _connection.OpenAsync();
        return new SqliteFts5SearchIndex(_connection);
    }

    public override async Task DisposeAsync() => await _connection.DisposeAsync();

    [Fact]
    public async Task Upsert_InsideCallersTransaction_RollsBackWithIt()
    {
        await using var transaction = await _connection.BeginTransactionAsync();
        var index = new SqliteFts5SearchIndex(_connection, () => transaction);

        await index.UpsertAsync(new SearchDocument(Site, 500, "Tiêm chủng mở rộng", null, null, "tin", "/tc", null));
        var inside = await index.SearchAsync(new SearchQuery(Site, "tiem chung"));
        await transaction.RollbackAsync();
        var after = await Index.SearchAsync(new SearchQuery(Site, "tiem chung"));

        Assert.Equal(1, inside.Total);
        Assert.Equal(0, after.Total);
    }

    [Fact]
    public async Task Index_OnClosedFileDatabase_OpensAndClosesTheConnection()
    {
        var path = Path.Combine(Path.GetTempPath(), $"wardcms-search-{Guid.NewGuid():N}.db");
        try
        {
            await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
            var index = new SqliteFts5SearchIndex(connection);

            await index.EnsureSchemaAsync();
            await index.UpsertAsync(new SearchDocument(1, 1, "Đăng ký tạm trú", null, null, "tin", "/x", null));
            var results = await index.SearchAsync(new SearchQuery(1, "dang ky"));

            Assert.Equal(1, results.Total);
            Assert.Equal(System.Data.ConnectionState.Closed, connection.State);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
