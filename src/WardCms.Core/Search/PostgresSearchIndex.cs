using System.Data.Common;
using System.Text;

namespace WardCms.Core.Search;

/// <summary>
/// PostgreSQL search: one row per document in search_documents (what result pages show) and in the
/// narrow search_vectors (filters and a GIN-indexed tsvector that C# builds as a tsvector literal). Each word sits at its position twice: folded (by
/// <see cref="VietnameseText.Fold"/>, the same folding SQLite uses) and, when it has marks, exactly as
/// written; folded lexemes never contain marks, so the two never collide. Weights: title A, summary B,
/// body D. The database's own parser, dictionaries and unaccent are deliberately not involved: the
/// lexemes are the ones the SQLite index holds, so both providers find and highlight the same words.
/// </summary>
public sealed class PostgresSearchIndex(DbConnection connection, Func<DbTransaction?>? ambientTransaction = null)
    : SearchIndexBase(connection, ambientTransaction)
{
    // tsvector limits: positions above 16383 are clamped, and a lexeme keeps at most 256 of them.
    private const int MaxPosition = 16383;
    private const int MaxPositionsPerLexeme = 256;

    // {D, C, B, A}: body 0.1, summary 0.4, title 1.0, the same 1:4:10 as the SQLite bm25 weights.
    // Normalisation 1 divides by the log of the length, so a long body does not win by size alone.
    // ts_rank_cd (cover density) costs ~12 µs a row, twice ts_rank, but ts_rank lets a body that repeats
    // the words often outrank an entry whose title is the query ("dang ky tam tru" must find the
    // handbook's "Đăng ký tạm trú trực tuyến" first), so the cover density stays.
    private const string Rank = "ts_rank_cd('{0.1, 0.2, 0.4, 1.0}', d.tsv, CAST(@match AS tsquery), 1)";

    // Bumped whenever the tables change shape: old tables are dropped and startup rebuilds the index.
    private const string SchemaVersion = "3";

    // The words live in a narrow table of their own: a search walks many of its rows (the newest
    // matches, filters) and would otherwise drag every title, summary and body through the buffer cache.
    public override Task EnsureSchemaAsync(CancellationToken ct = default) =>
        WithConnectionAsync(async () =>
        {
            await using (var meta = CreateCommand("""
                CREATE TABLE IF NOT EXISTS search_meta (key text PRIMARY KEY, value text NOT NULL);
                SELECT value FROM search_meta WHERE key = 'schema';
                """))
            {
                if (await meta.ExecuteScalarAsync(ct) is string version && version == SchemaVersion)
                {
                    return;
                }
            }
            await using var command = CreateCommand("""
                DROP TABLE IF EXISTS search_vectors;
                DROP TABLE IF EXISTS search_documents;
                CREATE TABLE search_documents (
                    site_id integer NOT NULL,
                    item_id bigint NOT NULL,
                    title text NOT NULL,
                    summary text,
                    body text,
                    content_type text NOT NULL,
                    url text NOT NULL,
                    published_at bigint,
                    year integer,
                    topics text[] NOT NULL DEFAULT '{}',
                    PRIMARY KEY (site_id, item_id));
                CREATE INDEX ix_search_documents_site_published ON search_documents (site_id, published_at DESC);
                CREATE TABLE search_vectors (
                    site_id integer NOT NULL,
                    item_id bigint NOT NULL,
                    content_type text NOT NULL,
                    published_at bigint,
                    year integer,
                    topics text[] NOT NULL DEFAULT '{}',
                    tsv tsvector NOT NULL,
                    PRIMARY KEY (site_id, item_id));
                CREATE INDEX ix_search_vectors_tsv ON search_vectors USING gin (tsv);
                -- Kept in the row (compressed) instead of in TOAST: a search reads the tsvectors of its
                -- window's few thousand rows, and a TOAST fetch per row (index lookup, two chunks)
                -- doubled the time of each pass (15-22 ms against 8 ms for 2,000 rows, measured).
                ALTER TABLE search_vectors ALTER COLUMN tsv SET STORAGE MAIN;
                INSERT INTO search_meta (key, value) VALUES ('schema', @version)
                    ON CONFLICT (key) DO UPDATE SET value = excluded.value;
                """);
            AddParameter(command, "@version", SchemaVersion);
            await command.ExecuteNonQueryAsync(ct);
        }, ct);

    protected override async Task UpsertCoreAsync(SearchDocument document, CancellationToken ct)
    {
        await using var command = CreateCommand("""
            INSERT INTO search_documents (site_id, item_id, title, summary, body, content_type, url, published_at, year, topics)
            VALUES (@site, @id, @title, @summary, @body, @type, @url, @published, @year, @topics)
            ON CONFLICT (site_id, item_id) DO UPDATE SET
                title = excluded.title, summary = excluded.summary, body = excluded.body,
                content_type = excluded.content_type, url = excluded.url, published_at = excluded.published_at,
                year = excluded.year, topics = excluded.topics;
            INSERT INTO search_vectors (site_id, item_id, content_type, published_at, year, topics, tsv)
            VALUES (@site, @id, @type, @published, @year, @topics, CAST(@tsv AS tsvector))
            ON CONFLICT (site_id, item_id) DO UPDATE SET
                content_type = excluded.content_type, published_at = excluded.published_at,
                year = excluded.year, topics = excluded.topics, tsv = excluded.tsv;
            """);
        AddParameter(command, "@site", document.SiteId);
        AddParameter(command, "@id", document.Id);
        AddParameter(command, "@title", document.Title);
        AddParameter(command, "@summary", document.Summary);
        AddParameter(command, "@body", document.Body);
        AddParameter(command, "@type", document.ContentType);
        AddParameter(command, "@url", document.Url);
        AddParameter(command, "@published", ToUnixMilliseconds(document.PublishedAt));
        AddParameter(command, "@year", document.Year);
        AddParameter(command, "@topics", (document.TopicKeys ?? []).ToArray());
        AddParameter(command, "@tsv", BuildTsVector(document));
        await command.ExecuteNonQueryAsync(ct);
    }

    protected override async Task RemoveCoreAsync(int siteId, long id, CancellationToken ct)
    {
        await using var command = CreateCommand("""
            DELETE FROM search_vectors WHERE site_id = @site AND item_id = @id;
            DELETE FROM search_documents WHERE site_id = @site AND item_id = @id;
            """);
        AddParameter(command, "@site", siteId);
        AddParameter(command, "@id", id);
        await command.ExecuteNonQueryAsync(ct);
    }

    protected override async Task ClearCoreAsync(int siteId, CancellationToken ct)
    {
        await using var command = CreateCommand("""
            DELETE FROM search_vectors WHERE site_id = @site;
            DELETE FROM search_documents WHERE site_id = @site;
            """);
        AddParameter(command, "@site", siteId);
        await command.ExecuteNonQueryAsync(ct);
    }

    private protected override async Task<(int Count, long? Newest)> MatchWindowAsync(ParsedQuery parsed, SearchQuery query, int limit, CancellationToken ct)
    {
        await using var command = CreateCommand($"""
            SELECT d.item_id FROM search_vectors d WHERE {Where(parsed, query)}
            ORDER BY d.item_id DESC LIMIT @take
            """);
        AddQueryParameters(command, parsed, query);
        AddParameter(command, "@take", limit + 1);
        var (count, newest, top) = await ReadWindowWithTopAsync(command, limit, ct);
        _denseWindow = newest is { } n && top - n < DenseSpan * (long)limit;
        return (count, newest);
    }

    // Whether the last window's matches are dense among the site's items (see Source).
    private bool _denseWindow;

    // A window whose item ids span less than this many times its size is read as an id range.
    private const int DenseSpan = 4;

    private protected override async Task<int> CountCoreAsync(ParsedQuery parsed, SearchQuery query, CancellationToken ct)
    {
        await using var command = CreateCommand($"SELECT count(*) FROM {(parsed.IsEmpty ? "search_documents" : "search_vectors")} d WHERE {Where(parsed, query)}");
        AddQueryParameters(command, parsed, query);
        return Convert.ToInt32(await command.ExecuteScalarAsync(ct));
    }

    private protected override async Task<bool> IsWordAsync(QueryTerm term, SearchQuery query, CancellationToken ct)
    {
        await using var command = CreateCommand("SELECT 1 FROM search_vectors d WHERE d.site_id = @site AND d.tsv @@ CAST(@word AS tsquery) LIMIT 1");
        AddParameter(command, "@site", query.SiteId);
        AddParameter(command, "@word", Quote(term.HasMarks ? term.Exact : term.Folded));
        return await command.ExecuteScalarAsync(ct) is not null;
    }

    private protected override async Task<IReadOnlyList<long>> ListKeysAsync(SearchQuery query, int skip, int take, CancellationToken ct)
    {
        var empty = ParsedQuery.Parse(null);
        await using var command = CreateCommand($"""
            SELECT d.item_id FROM search_documents d WHERE {Where(empty, query)}
            ORDER BY d.published_at DESC NULLS LAST, d.item_id LIMIT @take OFFSET @skip
            """);
        AddQueryParameters(command, empty, query);
        return await ReadPageOfKeysAsync(command, skip, take, ct);
    }

    private protected override async Task<IReadOnlyList<long>> RankKeysAsync(IReadOnlyList<MatchConstraint> match, IReadOnlyList<MatchConstraint>? exclude,
        SearchQuery query, long? newest, int skip, int take, CancellationToken ct)
    {
        await using var command = CreateCommand($"""
            SELECT d.item_id FROM {Source(newest)} d
            WHERE {Where(match, exclude, query, newest)}
            ORDER BY {Rank} DESC, d.published_at DESC NULLS LAST, d.item_id LIMIT @take OFFSET @skip
            """);
        AddMatchParameters(command, match, exclude, query, newest);
        return await ReadPageOfKeysAsync(command, skip, take, ct);
    }

    private protected override async Task<int> CountMatchesAsync(IReadOnlyList<MatchConstraint> match, SearchQuery query, long? newest, CancellationToken ct)
    {
        await using var command = CreateCommand($"SELECT count(*) FROM {Source(newest)} d WHERE {Where(match, null, query, newest)}");
        AddMatchParameters(command, match, null, query, newest);
        return Convert.ToInt32(await command.ExecuteScalarAsync(ct));
    }

    private protected override async Task<IReadOnlyList<StoredDocument>> FetchAsync(IReadOnlyList<long> keys, SearchQuery query, CancellationToken ct)
    {
        var byId = new Dictionary<long, StoredDocument>(keys.Count);
        await using (var command = CreateCommand("""
            SELECT item_id, title, summary, body, url, content_type, published_at
            FROM search_documents WHERE site_id = @site AND item_id = ANY (@ids)
            """))
        {
            AddParameter(command, "@site", query.SiteId);
            AddParameter(command, "@ids", keys.ToArray());
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                byId[reader.GetInt64(0)] = new StoredDocument(
                    reader.GetInt64(0), reader.GetString(1),
                    reader.IsDBNull(2) ? null : reader.GetString(2),
                    reader.IsDBNull(3) ? null : reader.GetString(3),
                    reader.GetString(4), reader.GetString(5), FromUnixMilliseconds(reader.GetValue(6)));
            }
        }
        return keys.Where(byId.ContainsKey).Select(id => byId[id]).ToList();
    }

    /// <summary>
    /// The rows a ranking query reads. Within a dense window (the newest matches, from item id
    /// <c>newest</c> up, are at least a quarter of the site's items in that range) it is that id range,
    /// fenced off (OFFSET 0) so that the planner filters the window's rows instead of ANDing them with a
    /// GIN bitmap of every match in the site: for a common word that bitmap alone (47,000 of 100,000
    /// rows) cost 25 ms, more than ranking the window. A sparse window (a rarer word: "căn cước", 5 %)
    /// spans too many rows to read them all (21,000: 80 ms), and its word's bitmap is small.
    /// </summary>
    private string Source(long? newest) => newest is null || !_denseWindow
        ? "search_vectors"
        : "(SELECT * FROM search_vectors WHERE site_id = @site AND item_id >= @newest OFFSET 0)";

    private static string Where(IReadOnlyList<MatchConstraint> match, IReadOnlyList<MatchConstraint>? exclude, SearchQuery query, long? newest)
    {
        var sql = new StringBuilder(Filters("d.site_id = @site AND d.tsv @@ CAST(@match AS tsquery)", query));
        if (exclude is not null)
        {
            sql.Append(" AND NOT d.tsv @@ CAST(@exclude AS tsquery)");
        }
        if (newest is not null)
        {
            sql.Append(" AND d.item_id >= @newest");
        }
        return sql.ToString();
    }

    private static void AddMatchParameters(DbCommand command, IReadOnlyList<MatchConstraint> match, IReadOnlyList<MatchConstraint>? exclude, SearchQuery query, long? newest)
    {
        AddFilterParameters(command, query);
        AddParameter(command, "@match", ToTsQuery(match));
        if (exclude is not null)
        {
            AddParameter(command, "@exclude", ToTsQuery(exclude));
        }
        if (newest is not null)
        {
            AddParameter(command, "@newest", newest.Value);
        }
    }

    protected override async Task<IReadOnlyList<string>> PopularTopicsAsync(int siteId, int take, CancellationToken ct)
    {
        await using var command = CreateCommand("""
            SELECT t.topic FROM search_documents d CROSS JOIN LATERAL unnest(d.topics) AS t(topic)
            WHERE d.site_id = @site GROUP BY t.topic ORDER BY count(*) DESC, t.topic COLLATE "C" LIMIT @take
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

    private static string Where(ParsedQuery parsed, SearchQuery query) =>
        Filters(parsed.IsEmpty ? "d.site_id = @site" : "d.site_id = @site AND d.tsv @@ CAST(@match AS tsquery)", query);

    private static string Filters(string condition, SearchQuery query)
    {
        var sql = new StringBuilder(condition);
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
            sql.Append(" AND @topic = ANY (d.topics)");
        }
        return sql.ToString();
    }

    private static void AddQueryParameters(DbCommand command, ParsedQuery parsed, SearchQuery query)
    {
        AddFilterParameters(command, query);
        if (!parsed.IsEmpty)
        {
            AddParameter(command, "@match", ToTsQuery(parsed.Required()));
        }
    }

    private static void AddFilterParameters(DbCommand command, SearchQuery query)
    {
        AddParameter(command, "@site", query.SiteId);
        if (!string.IsNullOrWhiteSpace(query.Type))
        {
            AddParameter(command, "@type", query.Type.Trim());
        }
        if (query.Year is not null)
        {
            AddParameter(command, "@year", query.Year.Value);
        }
        if (!string.IsNullOrWhiteSpace(query.Topic))
        {
            AddParameter(command, "@topic", query.Topic.Trim());
        }
    }

    /// <summary>
    /// Renders constraints as a tsquery literal of quoted lexemes: phrases with &lt;-&gt;, the word
    /// still being typed with :*, constraints joined with &amp;. Exact and folded lexemes live in the
    /// same tsvector, so the column choice of SQLite is simply the lexeme's form here.
    /// </summary>
    private static string ToTsQuery(IReadOnlyList<MatchConstraint> constraints) =>
        string.Join(" & ", constraints.Select(c =>
            "(" + string.Join(" <-> ", c.Lexemes.Select((l, i) => Quote(l) + (c.Prefix && i == c.Lexemes.Count - 1 ? ":*" : string.Empty))) + ")"));

    private static string BuildTsVector(SearchDocument document)
    {
        var lexemes = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var position = 0;

        void Add(string lexeme, int at, char weight)
        {
            if (!lexemes.TryGetValue(lexeme, out var positions))
            {
                lexemes[lexeme] = positions = [];
            }
            var entry = $"{at}{weight}";
            if (positions.Count < MaxPositionsPerLexeme && (positions.Count == 0 || positions[^1] != entry))
            {
                positions.Add(entry);
            }
        }

        void AddField(string? text, char weight)
        {
            foreach (var token in VietnameseText.Tokenize(text))
            {
                position = Math.Min(position + 1, MaxPosition);
                Add(token.Folded, position, weight);
                if (token.HasMarks)
                {
                    Add(token.Exact, position, weight);
                }
            }
            // A gap between fields, so the last title word and the first summary word are not a phrase.
            position = Math.Min(position + 1, MaxPosition);
        }

        AddField(document.Title, 'A');
        AddField(document.Summary, 'B');
        AddField(document.Body, 'D');
        return string.Join(' ', lexemes.Select(l => $"{Quote(l.Key)}:{string.Join(',', l.Value)}"));
    }

    private static string Quote(string lexeme) => "'" + lexeme.Replace("\\", "\\\\").Replace("'", "''") + "'";
}
