using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;

namespace WardCms.Core.Search;

/// <summary>
/// SQLite search: documents in search_documents, their words in the contentless FTS5 table search_fts
/// (rowid = doc_key). Each field is indexed twice at the same positions: folded by
/// <see cref="VietnameseText.Fold"/> (*_folded), and exactly as written (*_exact), where only words
/// with marks are kept and every other word is a placeholder that no query can contain. Folded words
/// never hold marks, so a lexeme alone says which columns it can match: no column filters are needed,
/// and those cost FTS5 a position-list scan per row. The tokenizer keeps marks (remove_diacritics 0)
/// because the folding is ours: FTS5 never folds đ, and with remove_diacritics 2 "đăng" would match
/// "đang", so typing marks could not narrow the results.
/// Type, year and topics are facet tokens in the facets column, so counting and ranking never join
/// the documents table (a join cost 0.8 s over 100,000 matches); the site is the high bits of the
/// rowid (see <see cref="DocKey"/>).
/// </summary>
public sealed class SqliteFts5SearchIndex(DbConnection connection, Func<DbTransaction?>? ambientTransaction = null)
    : SearchIndexBase(connection, ambientTransaction)
{
    // Private-use characters: FTS5's unicode61 reads them as token characters, VietnameseText never does,
    // so no visitor's query can match a placeholder or a facet.
    private const string Placeholder = "\uE000";
    private const string FacetMark = "\uE001";

    // Column order: title_exact, title_folded, summary_exact, summary_folded, body_exact, body_folded, facets.
    private const string Rank = "bm25(search_fts, 10.0, 10.0, 4.0, 4.0, 1.0, 1.0, 0.0)";

    // Bumped whenever the tables change shape: old tables are dropped and startup rebuilds the index.
    private const string SchemaVersion = "2";

    public override Task EnsureSchemaAsync(CancellationToken ct = default) =>
        WithConnectionAsync(async () =>
        {
            await using (var meta = CreateCommand("""
                CREATE TABLE IF NOT EXISTS search_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
                SELECT value FROM search_meta WHERE key = 'schema';
                """))
            {
                if (await meta.ExecuteScalarAsync(ct) is string version && version == SchemaVersion)
                {
                    await EnsureVocabularyAsync(ct);
                    return;
                }
            }
            await using var command = CreateCommand("""
                DROP TABLE IF EXISTS search_fts;
                DROP TABLE IF EXISTS search_document_topics;
                DROP TABLE IF EXISTS search_documents;
                CREATE TABLE search_documents (
                    doc_key INTEGER PRIMARY KEY,
                    site_id INTEGER NOT NULL,
                    item_id INTEGER NOT NULL,
                    title TEXT NOT NULL,
                    summary TEXT,
                    body TEXT,
                    content_type TEXT NOT NULL,
                    url TEXT NOT NULL,
                    published_at INTEGER,
                    year INTEGER);
                CREATE INDEX ix_search_documents_site_published ON search_documents (site_id, published_at DESC);
                CREATE TABLE search_document_topics (
                    doc_key INTEGER NOT NULL,
                    topic TEXT NOT NULL,
                    PRIMARY KEY (doc_key, topic)) WITHOUT ROWID;
                CREATE INDEX ix_search_document_topics_topic ON search_document_topics (topic);
                CREATE VIRTUAL TABLE search_fts USING fts5(
                    title_exact, title_folded, summary_exact, summary_folded, body_exact, body_folded, facets,
                    content = '', contentless_delete = 1,
                    tokenize = 'unicode61 remove_diacritics 0');
                INSERT INTO search_meta (key, value) VALUES ('schema', @version)
                    ON CONFLICT (key) DO UPDATE SET value = excluded.value;
                """);
            AddParameter(command, "@version", SchemaVersion);
            await command.ExecuteNonQueryAsync(ct);
            await EnsureVocabularyAsync(ct);
        }, ct);

    // The index's words with how many rows hold each: the document frequencies ward_bm25 is given.
    private async Task EnsureVocabularyAsync(CancellationToken ct)
    {
        await using var command = CreateCommand("CREATE VIRTUAL TABLE IF NOT EXISTS search_fts_vocab USING fts5vocab(search_fts, 'row')");
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// The document's key and FTS rowid: the site in the high bits, the item id below. A site's
    /// documents are one rowid range, which FTS5 seeks to (a site token ANDed into every query cost
    /// ~20 ms over 100,000 documents), and rowid order is item order, newest last.
    /// </summary>
    private static long DocKey(int siteId, long itemId)
    {
        if (itemId is < 0 or > ItemMask || siteId < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(itemId), $"Item {itemId} of site {siteId} is out of the search index's key range.");
        }
        return ((long)siteId << ItemBits) | itemId;
    }

    private const int ItemBits = 40;
    private const long ItemMask = (1L << ItemBits) - 1;

    private static (long From, long To) SiteRange(int siteId) => (DocKey(siteId, 0), DocKey(siteId, ItemMask));

    protected override async Task UpsertCoreAsync(SearchDocument document, CancellationToken ct)
    {
        var docKey = DocKey(document.SiteId, document.Id);
        await using (var upsert = CreateCommand("""
            INSERT INTO search_documents (doc_key, site_id, item_id, title, summary, body, content_type, url, published_at, year)
            VALUES (@key, @site, @id, @title, @summary, @body, @type, @url, @published, @year)
            ON CONFLICT (doc_key) DO UPDATE SET
                title = excluded.title, summary = excluded.summary, body = excluded.body,
                content_type = excluded.content_type, url = excluded.url,
                published_at = excluded.published_at, year = excluded.year
            """))
        {
            AddParameter(upsert, "@key", docKey);
            AddParameter(upsert, "@site", document.SiteId);
            AddParameter(upsert, "@id", document.Id);
            AddParameter(upsert, "@title", document.Title);
            AddParameter(upsert, "@summary", document.Summary);
            AddParameter(upsert, "@body", document.Body);
            AddParameter(upsert, "@type", document.ContentType);
            AddParameter(upsert, "@url", document.Url);
            AddParameter(upsert, "@published", ToUnixMilliseconds(document.PublishedAt));
            AddParameter(upsert, "@year", document.Year);
            await upsert.ExecuteNonQueryAsync(ct);
        }

        await DeleteIndexRowsAsync(docKey, ct);

        await using (var fts = CreateCommand("""
            INSERT INTO search_fts (rowid, title_exact, title_folded, summary_exact, summary_folded, body_exact, body_folded, facets)
            VALUES (@key, @te, @tf, @se, @sf, @be, @bf, @facets)
            """))
        {
            AddParameter(fts, "@key", docKey);
            AddColumns(fts, "@te", "@tf", document.Title);
            AddColumns(fts, "@se", "@sf", document.Summary);
            AddColumns(fts, "@be", "@bf", document.Body);
            AddParameter(fts, "@facets", string.Join(' ', Facets(document)));
            await fts.ExecuteNonQueryAsync(ct);
        }

        foreach (var topic in document.TopicKeys ?? [])
        {
            await using var insertTopic = CreateCommand("INSERT INTO search_document_topics (doc_key, topic) VALUES (@key, @topic)");
            AddParameter(insertTopic, "@key", docKey);
            AddParameter(insertTopic, "@topic", topic);
            await insertTopic.ExecuteNonQueryAsync(ct);
        }
    }

    protected override async Task RemoveCoreAsync(int siteId, long id, CancellationToken ct)
    {
        if (id is < 0 or > ItemMask)
        {
            return;
        }
        var docKey = DocKey(siteId, id);
        await DeleteIndexRowsAsync(docKey, ct);
        await using var delete = CreateCommand("DELETE FROM search_documents WHERE doc_key = @key");
        AddParameter(delete, "@key", docKey);
        await delete.ExecuteNonQueryAsync(ct);
    }

    protected override async Task ClearCoreAsync(int siteId, CancellationToken ct)
    {
        var (from, to) = SiteRange(siteId);
        await using var command = CreateCommand("""
            DELETE FROM search_fts WHERE rowid IN (SELECT doc_key FROM search_documents WHERE doc_key BETWEEN @from AND @to);
            DELETE FROM search_document_topics WHERE doc_key BETWEEN @from AND @to;
            DELETE FROM search_documents WHERE doc_key BETWEEN @from AND @to;
            """);
        AddParameter(command, "@from", from);
        AddParameter(command, "@to", to);
        await command.ExecuteNonQueryAsync(ct);
    }

    private protected override async Task<(int Count, long? Newest)> MatchWindowAsync(ParsedQuery parsed, SearchQuery query, int limit, CancellationToken ct)
    {
        // FTS5 walks the rowids of the matches in descending order and stops after limit + 1 rows.
        await using var command = CreateCommand("""
            SELECT rowid FROM search_fts WHERE search_fts MATCH @match AND rowid BETWEEN @from AND @to
            ORDER BY rowid DESC LIMIT @take
            """);
        AddQueryParameters(command, parsed, query, null);
        AddParameter(command, "@take", limit + 1);
        return await ReadWindowAsync(command, limit, ct);
    }

    private protected override async Task<int> CountCoreAsync(ParsedQuery parsed, SearchQuery query, CancellationToken ct)
    {
        await using var command = CreateCommand(parsed.IsEmpty
            ? $"SELECT count(*) FROM search_documents d WHERE d.site_id = @site{Filters(query)}"
            : "SELECT count(*) FROM search_fts WHERE search_fts MATCH @match AND rowid BETWEEN @from AND @to");
        AddQueryParameters(command, parsed, query, null);
        return Convert.ToInt32(await command.ExecuteScalarAsync(ct));
    }

    private protected override async Task<bool> IsWordAsync(QueryTerm term, SearchQuery query, CancellationToken ct)
    {
        await using var command = CreateCommand("SELECT 1 FROM search_fts WHERE search_fts MATCH @word AND rowid BETWEEN @from AND @to LIMIT 1");
        AddWindow(command, query, null);
        AddParameter(command, "@word", Quote(term.HasMarks ? term.Exact : term.Folded));
        return await command.ExecuteScalarAsync(ct) is not null;
    }

    private protected override async Task<IReadOnlyList<long>> ListKeysAsync(SearchQuery query, int skip, int take, CancellationToken ct)
    {
        await using var command = CreateCommand($"""
            SELECT d.doc_key FROM search_documents d WHERE d.site_id = @site{Filters(query)}
            ORDER BY d.published_at DESC, d.item_id LIMIT @take OFFSET @skip
            """);
        AddQueryParameters(command, ParsedQuery.Parse(null), query, null);
        return await ReadPageOfKeysAsync(command, skip, take, ct);
    }

    private protected override async Task<IReadOnlyList<long>> RankKeysAsync(IReadOnlyList<MatchConstraint> match, IReadOnlyList<MatchConstraint>? exclude,
        SearchQuery query, long? newest, int skip, int take, CancellationToken ct)
    {
        await using var command = CreateCommand($"""
            SELECT rowid FROM search_fts WHERE search_fts MATCH @match AND rowid BETWEEN @from AND @to
            ORDER BY {await RankAsync(match, ct)}, rowid DESC LIMIT @take OFFSET @skip
            """);
        AddWindow(command, query, newest);
        // FTS5's NOT: the matches of the left side that the right side does not match.
        AddParameter(command, "@match", exclude is null ? ToFts(match, query) : $"({ToFts(match, query)}) NOT ({ToFts(exclude, null)})");
        return await ReadPageOfKeysAsync(command, skip, take, ct);
    }

    /// <summary>
    /// The ranking expression: ward_bm25 with each constraint's document frequency (the rarest word of
    /// a phrase; unknown for a word still being typed), or the built-in bm25 when the function cannot
    /// be registered on this connection. For words and for a phrase alone both give the same order;
    /// a phrase among other words and a word being typed are weighed from the estimates above
    /// (see <see cref="Fts5Bm25"/>).
    /// </summary>
    private async Task<string> RankAsync(IReadOnlyList<MatchConstraint> match, CancellationToken ct)
    {
        if (Connection is not SqliteConnection sqlite || !Fts5Bm25.TryRegister(sqlite))
        {
            return Rank;
        }
        var sql = new StringBuilder(Fts5Bm25.FunctionName).Append("(search_fts");
        foreach (var constraint in match)
        {
            var docs = -1L;
            if (!constraint.Prefix)
            {
                docs = long.MaxValue;
                foreach (var lexeme in constraint.Lexemes)
                {
                    docs = Math.Min(docs, await DocumentFrequencies.GetAsync(sqlite, lexeme, (query, word) => ScalarAsync(query, word, ct)));
                }
                docs = docs == long.MaxValue ? -1 : docs;
            }
            // Integers computed here, never user text: safe to inline.
            sql.Append(", ").Append(docs.ToString(CultureInfo.InvariantCulture));
        }
        return sql.Append(')').ToString();
    }

    private async Task<long> ScalarAsync(string sql, string word, CancellationToken ct)
    {
        await using var command = CreateCommand(sql);
        AddParameter(command, "@word", word);
        return await command.ExecuteScalarAsync(ct) is { } value and not DBNull ? Convert.ToInt64(value, CultureInfo.InvariantCulture) : 0;
    }

    private protected override async Task<int> CountMatchesAsync(IReadOnlyList<MatchConstraint> match, SearchQuery query, long? newest, CancellationToken ct)
    {
        await using var command = CreateCommand("SELECT count(*) FROM search_fts WHERE search_fts MATCH @match AND rowid BETWEEN @from AND @to");
        AddWindow(command, query, newest);
        AddParameter(command, "@match", ToFts(match, query));
        return Convert.ToInt32(await command.ExecuteScalarAsync(ct));
    }

    private protected override async Task<IReadOnlyList<StoredDocument>> FetchAsync(IReadOnlyList<long> keys, SearchQuery query, CancellationToken ct)
    {
        // The keys are integers read back from the database, so inlining them is safe.
        var byKey = new Dictionary<long, StoredDocument>(keys.Count);
        await using (var command = CreateCommand($"""
            SELECT doc_key, item_id, title, summary, body, url, content_type, published_at
            FROM search_documents WHERE doc_key IN ({string.Join(',', keys)})
            """))
        {
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                byKey[reader.GetInt64(0)] = new StoredDocument(
                    reader.GetInt64(1), reader.GetString(2),
                    reader.IsDBNull(3) ? null : reader.GetString(3),
                    reader.IsDBNull(4) ? null : reader.GetString(4),
                    reader.GetString(5), reader.GetString(6), FromUnixMilliseconds(reader.GetValue(7)));
            }
        }
        return keys.Where(byKey.ContainsKey).Select(k => byKey[k]).ToList();
    }

    private static void AddWindow(DbCommand command, SearchQuery query, long? newest)
    {
        var (from, to) = SiteRange(query.SiteId);
        AddParameter(command, "@from", Math.Max(from, newest ?? from));
        AddParameter(command, "@to", to);
    }

    protected override async Task<IReadOnlyList<string>> PopularTopicsAsync(int siteId, int take, CancellationToken ct)
    {
        await using var command = CreateCommand("""
            SELECT t.topic FROM search_document_topics t JOIN search_documents d ON d.doc_key = t.doc_key
            WHERE d.site_id = @site GROUP BY t.topic ORDER BY count(*) DESC, t.topic LIMIT @take
            """);
        AddParameter(command, "@site", siteId);
        AddParameter(command, "@take", take);
        var topics = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            topics.Add(reader.GetString(0));
        }
        return topics;
    }

    private async Task DeleteIndexRowsAsync(long docKey, CancellationToken ct)
    {
        await using var command = CreateCommand("""
            DELETE FROM search_fts WHERE rowid = @key;
            DELETE FROM search_document_topics WHERE doc_key = @key;
            """);
        AddParameter(command, "@key", docKey);
        await command.ExecuteNonQueryAsync(ct);
    }

    private static string Filters(SearchQuery query)
    {
        var sql = new StringBuilder();
        if (!string.IsNullOrWhiteSpace(query.Type))
        {
            sql.Append(" AND d.content_type = @type");
        }
        if (query.Year is not null)
        {
            sql.Append(" AND d.year = @year");
        }
        if (!string.IsNullOrWhiteSpace(query.Topic))
        {
            sql.Append(" AND EXISTS (SELECT 1 FROM search_document_topics t WHERE t.doc_key = d.doc_key AND t.topic = @topic)");
        }
        return sql.ToString();
    }

    private static void AddQueryParameters(DbCommand command, ParsedQuery parsed, SearchQuery query, long? newest)
    {
        AddParameter(command, "@site", query.SiteId);
        if (!parsed.IsEmpty)
        {
            var (from, to) = SiteRange(query.SiteId);
            AddParameter(command, "@match", ToFts(parsed.Required(), query));
            AddParameter(command, "@from", Math.Max(from, newest ?? from));
            AddParameter(command, "@to", to);
            return;
        }
        if (!string.IsNullOrWhiteSpace(query.Type))
        {
            AddParameter(command, "@type", query.Type.Trim());
        }
        if (query.Year is not null)
        {
            AddParameter(command, "@year", query.Year);
        }
        if (!string.IsNullOrWhiteSpace(query.Topic))
        {
            AddParameter(command, "@topic", query.Topic.Trim());
        }
    }

    /// <summary>
    /// Renders constraints as an FTS5 expression: every lexeme inside a double-quoted string, so no
    /// input is ever read as an operator, plus the facet tokens of the query's filters. The site is a
    /// rowid range, not a token.
    /// </summary>
    private static string ToFts(IReadOnlyList<MatchConstraint> constraints, SearchQuery? query) =>
        string.Join(" AND ", constraints
            .Select(c => Quote(string.Join(' ', c.Lexemes)) + (c.Prefix ? "*" : string.Empty))
            .Concat(query is null ? [] : Facets(query.Type, query.Year, string.IsNullOrWhiteSpace(query.Topic) ? [] : [query.Topic.Trim()]).Select(Quote)));

    private static string Quote(string text) => "\"" + text.Replace("\"", "\"\"") + "\"";

    private static IEnumerable<string> Facets(SearchDocument d) => Facets(d.ContentType, d.Year, d.TopicKeys ?? []);

    private static IEnumerable<string> Facets(string? type, int? year, IEnumerable<string> topics)
    {
        if (!string.IsNullOrWhiteSpace(type))
        {
            yield return $"{FacetMark}c{Hex(type.Trim())}";
        }
        if (year is not null)
        {
            yield return $"{FacetMark}y{year}";
        }
        foreach (var topic in topics)
        {
            yield return $"{FacetMark}t{Hex(topic)}";
        }
    }

    // Keys may hold any character; hex keeps each one a single token.
    private static string Hex(string key) => Convert.ToHexStringLower(System.Text.Encoding.UTF8.GetBytes(key));

    private static void AddColumns(DbCommand command, string exactName, string foldedName, string? text)
    {
        var tokens = VietnameseText.Tokenize(text);
        AddParameter(command, exactName, string.Join(' ', tokens.Select(t => t.HasMarks ? t.Exact : Placeholder)));
        AddParameter(command, foldedName, string.Join(' ', tokens.Select(t => t.Folded)));
    }
}
