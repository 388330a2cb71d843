using System.Globalization;
using Microsoft.Data.Sqlite;
using WardCms.Core.Search;

namespace WardCms.Tests.Search;

/// <summary>ward_bm25 must score exactly as FTS5's bm25 does, given the true document frequencies.</summary>
public sealed class Fts5Bm25Tests : IAsyncLifetime
{
    private const int Site = 1;
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"wardcms-bm25-{Guid.NewGuid():N}.db");
    private SqliteConnection _connection = null!;

    public async Task InitializeAsync()
    {
        _connection = new SqliteConnection($"Data Source={_file};Pooling=False");
        await _connection.OpenAsync();
        var index = new SqliteFts5SearchIndex(_connection);
        await index.EnsureSchemaAsync();
        string[] sentences =
        [
            "Hướng dẫn đăng ký tạm trú trực tuyến", "Thủ tục hành chính về hộ tịch", "Đăng ký khai sinh cho trẻ em",
            "Dịch vụ công trực tuyến mức độ 4", "Cải cách thủ tục hành chính năm 2025", "Chuyển đổi số và Đề án 06",
            "Đăng ký thường trú, tạm trú và lưu trú", "Tiếp nhận hồ sơ đất đai tại bộ phận một cửa",
        ];
        var random = new Random(7);
        var documents = Enumerable.Range(1, 120).Select(i => new SearchDocument(Site, i,
            sentences[random.Next(sentences.Length)],
            random.Next(3) == 0 ? null : sentences[random.Next(sentences.Length)],
            string.Join(". ", Enumerable.Range(0, random.Next(1, 9)).Select(_ => sentences[random.Next(sentences.Length)])),
            "CchcArticle", $"/cchc/bai-{i}", new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero).AddDays(i)));
        await index.UpsertManyAsync(documents);
    }

    public async Task DisposeAsync()
    {
        await _connection.DisposeAsync();
        File.Delete(_file);
    }

    [Theory]
    [InlineData("dang ky")]
    [InlineData("thu tuc hanh chinh")]
    [InlineData("đăng ký tam")]
    [InlineData("truc tuyen")]
    public async Task Scores_EqualTheBuiltInBm25_ForEveryMatchingRow(string query)
    {
        var words = query.Split(' ');
        Assert.True(Fts5Bm25.TryRegister(_connection));
        var match = string.Join(" AND ", words.Select(w => $"\"{w}\""));
        var frequencies = new List<long>();
        foreach (var word in words)
        {
            frequencies.Add(await Scalar($"SELECT count(*) FROM search_fts WHERE search_fts MATCH '\"{word}\"'"));
            // The vocabulary table gives the same counts without the scan's cost at query time.
            Assert.Equal(frequencies[^1], await Scalar($"SELECT doc FROM search_fts_vocab WHERE term = '{word}'"));
        }

        await using var command = _connection.CreateCommand();
        command.CommandText = $"""
            SELECT rowid, bm25(search_fts, 10.0, 10.0, 4.0, 4.0, 1.0, 1.0, 0.0),
                   {Fts5Bm25.FunctionName}(search_fts, {string.Join(", ", frequencies.Select(f => f.ToString(CultureInfo.InvariantCulture)))})
            FROM search_fts WHERE search_fts MATCH @match
            """;
        command.Parameters.AddWithValue("@match", match);
        var rows = 0;
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows++;
            Assert.Equal(reader.GetDouble(1), reader.GetDouble(2), 9);
            Assert.True(reader.GetDouble(2) < 0, "scores are negative, best first in ascending order, like bm25()");
        }
        Assert.True(rows > 5, $"the corpus should match {match} in several rows, matched {rows}");
    }

    [Fact]
    public async Task PhraseOfOneDocumentFrequency_OrdersLikeTheBuiltIn()
    {
        // With a single phrase the idf is one factor for every row: any frequency gives bm25's order.
        Assert.True(Fts5Bm25.TryRegister(_connection));
        var builtIn = await Keys("bm25(search_fts, 10.0, 10.0, 4.0, 4.0, 1.0, 1.0, 0.0)");
        var ours = await Keys($"{Fts5Bm25.FunctionName}(search_fts, 1)");
        Assert.True(builtIn.Count > 5);
        Assert.Equal(builtIn, ours);

        async Task<List<long>> Keys(string rank)
        {
            await using var command = _connection.CreateCommand();
            command.CommandText = $"SELECT rowid FROM search_fts WHERE search_fts MATCH '\"dang ky\"' ORDER BY {rank}, rowid DESC";
            var keys = new List<long>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                keys.Add(reader.GetInt64(0));
            }
            return keys;
        }
    }

    [Fact]
    public void Registering_TwiceOnOneConnection_IsHarmless()
    {
        Assert.True(Fts5Bm25.TryRegister(_connection));
        Assert.True(Fts5Bm25.TryRegister(_connection));
    }

    private async Task<long> Scalar(string sql)
    {
        await using var command = _connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }
}
