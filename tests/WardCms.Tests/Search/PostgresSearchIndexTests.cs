using Npgsql;
using WardCms.Core.Search;
using WardCms.Tests.Infrastructure;

namespace WardCms.Tests.Search;

/// <summary>One database for the class; every test works in a site of its own.</summary>
public sealed class PostgresSearchDatabase
{
    public string ConnectionString { get; } = TestPostgres.CreateDatabase("search");
}

public sealed class PostgresSearchIndexTests(PostgresSearchDatabase database)
    : SearchIndexSpecification, IClassFixture<PostgresSearchDatabase>
{
    // Left closed on purpose: the index must open and close it itself, as with EF's connection.
    private readonly NpgsqlConnection _connection = new(database.ConnectionString);

    protected override Task<ISearchIndex> CreateIndexAsync() => Task.FromResult<ISearchIndex>(new PostgresSearchIndex(_connection));

    public override async Task DisposeAsync() => await _connection.DisposeAsync();
}
