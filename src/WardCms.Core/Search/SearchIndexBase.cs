using System.Data;
using System.Data.Common;

namespace WardCms.Core.Search;

/// <summary>A stored document as the result pages need it.</summary>
internal sealed record StoredDocument(long Id, string Title, string? Summary, string? Body, string Url, string ContentType, DateTimeOffset? PublishedAt);

/// <summary>
/// What both providers share: connection and transaction handling, the search flow, snippets and
/// suggestions. A provider only says how to store a document and how to count and rank matches.
/// One instance per connection and scope, like a DbContext: it is not thread-safe.
/// </summary>
/// <param name="connection">Usually the EF DbContext's connection; opened and closed here when it is closed.</param>
/// <param name="ambientTransaction">The caller's current transaction, if any (e.g. EF's), so index writes join it.</param>
public abstract class SearchIndexBase(DbConnection connection, Func<DbTransaction?>? ambientTransaction = null) : ISearchIndex
{
    /// <summary>
    /// The most matches a search counts and ranks: the newest this many. A word found in most of
    /// 100,000 documents ("đăng ký") would otherwise cost a count and a relevance score for every one
    /// of them (0.3–0.9 s measured); nobody pages through more than a hundred pages, and filters by
    /// year, type and topic reach older items. Pages say "more than 1,000 results" then.
    /// </summary>
    public const int MaxResults = 1000;

    private DbTransaction? _ownTransaction;

    protected DbConnection Connection => connection;

    public abstract Task EnsureSchemaAsync(CancellationToken ct = default);

    public Task UpsertAsync(SearchDocument document, CancellationToken ct = default) =>
        InTransactionAsync(() => UpsertCoreAsync(Normalize(document), ct), ct);

    public Task UpsertManyAsync(IEnumerable<SearchDocument> documents, CancellationToken ct = default) =>
        InTransactionAsync(async () =>
        {
            foreach (var document in documents)
            {
                await UpsertCoreAsync(Normalize(document), ct);
            }
        }, ct);

    public Task RemoveAsync(int siteId, long id, CancellationToken ct = default) =>
        InTransactionAsync(() => RemoveCoreAsync(siteId, id, ct), ct);

    public Task ClearAsync(int siteId, CancellationToken ct = default) =>
        InTransactionAsync(() => ClearCoreAsync(siteId, ct), ct);

    public Task RebuildAsync(int siteId, IEnumerable<SearchDocument> documents, CancellationToken ct = default) =>
        InTransactionAsync(async () =>
        {
            await ClearCoreAsync(siteId, ct);
            foreach (var document in documents)
            {
                if (document.SiteId != siteId)
                {
                    throw new ArgumentException($"Document {document.Id} belongs to site {document.SiteId}, not to site {siteId} being rebuilt.", nameof(documents));
                }
                await UpsertCoreAsync(Normalize(document), ct);
            }
        }, ct);

    public async Task<SearchResults> SearchAsync(SearchQuery query, CancellationToken ct = default)
    {
        var page = query.EffectivePage;
        var pageSize = query.EffectivePageSize;
        var parsed = ParsedQuery.Parse(query.Text);
        // Punctuation alone ("--", "*") is not a question; with a filter it still lists that filter's items.
        if (parsed.IsEmpty && !query.HasFilter)
        {
            return SearchResults.Empty(page, pageSize);
        }

        return await WithConnectionAsync(async () =>
        {
            // "tam tru" typed and sent: "tru" is a whole word of the index, so it means that word, not
            // every word starting with it (trực, trung, trường, truyền…: noise, and the costliest query
            // of the benchmark). A prefix stays for what is not a word yet ("dang ky tam tr").
            if (parsed.TypingTerm is { } typing && await IsWordAsync(typing, query, ct))
            {
                parsed = parsed.WithoutPrefix();
            }
            var (total, newest) = parsed.IsEmpty
                ? (await CountCoreAsync(parsed, query, ct), null)
                : await MatchWindowAsync(parsed, query, MaxResults, ct);
            var documents = total > (page - 1) * pageSize
                ? await PageAsync(parsed, query, newest, (page - 1) * pageSize, pageSize, ct)
                : [];
            var hits = documents
                .Select(d => new SearchHit(d.Id, d.Title, SearchHighlighter.Highlight(d.Title, parsed), d.Url, d.ContentType,
                    SearchHighlighter.Snippet(d.Summary, d.Body, parsed), d.PublishedAt))
                .ToList();
            var suggestions = total == 0 && !parsed.IsEmpty ? await SuggestAsync(parsed, query, ct) : [];
            return new SearchResults(total, page, pageSize, hits, suggestions, TotalIsLowerBound: newest is not null);
        }, ct);
    }

    public Task<int> CountAsync(int siteId, CancellationToken ct = default) =>
        WithConnectionAsync(async () =>
        {
            // Both providers keep one row per document in search_documents.
            await using var command = CreateCommand("SELECT count(*) FROM search_documents WHERE site_id = @site");
            AddParameter(command, "@site", siteId);
            return Convert.ToInt32(await command.ExecuteScalarAsync(ct));
        }, ct);

    private async Task<IReadOnlyList<SearchSuggestion>> SuggestAsync(ParsedQuery parsed, SearchQuery query, CancellationToken ct)
    {
        var suggestions = new List<SearchSuggestion>();
        if (parsed.HasMarks)
        {
            var plain = parsed.WithoutMarks();
            if (await CountCoreAsync(plain, query, ct) > 0)
            {
                suggestions.Add(new SearchSuggestion(SearchSuggestionKind.WithoutDiacritics, plain.ToText()));
            }
        }
        if (parsed.Groups.Count > 1)
        {
            // Dropping the last word first: it is the one most likely mistyped or still being typed.
            foreach (var index in new[] { parsed.Groups.Count - 1, 0 })
            {
                var shorter = parsed.WithoutGroup(index);
                if (await CountCoreAsync(shorter, query, ct) > 0)
                {
                    suggestions.Add(new SearchSuggestion(SearchSuggestionKind.FewerWords, shorter.ToText()));
                }
            }
        }
        foreach (var topic in await PopularTopicsAsync(query.SiteId, 5, ct))
        {
            suggestions.Add(new SearchSuggestion(SearchSuggestionKind.PopularTopic, topic));
        }
        return suggestions;
    }

    protected abstract Task UpsertCoreAsync(SearchDocument document, CancellationToken ct);

    protected abstract Task RemoveCoreAsync(int siteId, long id, CancellationToken ct);

    protected abstract Task ClearCoreAsync(int siteId, CancellationToken ct);

    /// <summary>
    /// Walks the matches newest first (SQLite: FTS rowid order, PostgreSQL: item id order) and stops
    /// after limit + 1: the number of matches up to the limit, and, when more than limit match, the
    /// key of the limit-th newest (Newest), below which ranking does not look. Counting or ranking
    /// every match of a word found in most documents costs time in proportion to all of them.
    /// </summary>
    private protected abstract Task<(int Count, long? Newest)> MatchWindowAsync(ParsedQuery parsed, SearchQuery query, int limit, CancellationToken ct);

    /// <summary>Counts every match; with no terms, counts the filtered items.</summary>
    private protected abstract Task<int> CountCoreAsync(ParsedQuery parsed, SearchQuery query, CancellationToken ct);

    /// <summary>
    /// One page in rank order: items holding the words adjacent and in order first, then the others,
    /// each by relevance, then newest. The two groups are ranked by separate queries: ranking the
    /// phrase matches alone fills a first page without scoring the rest (one query ordering every
    /// match by "is it a phrase match" cost twice as much at 100,000 documents).
    /// </summary>
    private async Task<IReadOnlyList<StoredDocument>> PageAsync(ParsedQuery parsed, SearchQuery query, long? newest, int skip, int take, CancellationToken ct)
    {
        IReadOnlyList<long> keys;
        if (parsed.IsEmpty)
        {
            keys = await ListKeysAsync(query, skip, take, ct);
        }
        else if (parsed.Adjacent() is not { } adjacent)
        {
            keys = await RankKeysAsync(parsed.Required(), null, query, newest, skip, take, ct);
        }
        else
        {
            var page = new List<long>(take);
            int adjacentCount;
            if (skip == 0)
            {
                page.AddRange(await RankKeysAsync(adjacent, null, query, newest, 0, take, ct));
                adjacentCount = page.Count;
            }
            else
            {
                adjacentCount = await CountMatchesAsync(adjacent, query, newest, ct);
                if (skip < adjacentCount)
                {
                    page.AddRange(await RankKeysAsync(adjacent, null, query, newest, skip, take, ct));
                }
            }
            if (page.Count < take)
            {
                page.AddRange(await RankKeysAsync(parsed.Required(), adjacent, query, newest, Math.Max(0, skip - adjacentCount), take - page.Count, ct));
            }
            keys = page;
        }
        return keys.Count == 0 ? [] : await FetchAsync(keys, query, ct);
    }

    /// <summary>Whether some document of the site holds this term as a whole word (exact form when it has marks).</summary>
    private protected abstract Task<bool> IsWordAsync(QueryTerm term, SearchQuery query, CancellationToken ct);

    /// <summary>Keys of the filtered items, newest first (a query with no words but a filter).</summary>
    private protected abstract Task<IReadOnlyList<long>> ListKeysAsync(SearchQuery query, int skip, int take, CancellationToken ct);

    /// <summary>
    /// Keys of the items matching <paramref name="match"/> and not <paramref name="exclude"/>, at or above
    /// <paramref name="newest"/>, by relevance (title over summary over body), then newest.
    /// </summary>
    private protected abstract Task<IReadOnlyList<long>> RankKeysAsync(IReadOnlyList<MatchConstraint> match, IReadOnlyList<MatchConstraint>? exclude,
        SearchQuery query, long? newest, int skip, int take, CancellationToken ct);

    /// <summary>How many items match, at or above <paramref name="newest"/>.</summary>
    private protected abstract Task<int> CountMatchesAsync(IReadOnlyList<MatchConstraint> match, SearchQuery query, long? newest, CancellationToken ct);

    /// <summary>The stored documents of these keys, in the keys' order.</summary>
    private protected abstract Task<IReadOnlyList<StoredDocument>> FetchAsync(IReadOnlyList<long> keys, SearchQuery query, CancellationToken ct);

    /// <summary>One page of keys from a query that ends in LIMIT @take OFFSET @skip.</summary>
    private protected static async Task<IReadOnlyList<long>> ReadPageOfKeysAsync(DbCommand command, int skip, int take, CancellationToken ct)
    {
        AddParameter(command, "@take", take);
        AddParameter(command, "@skip", skip);
        var keys = new List<long>(take);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            keys.Add(reader.GetInt64(0));
        }
        return keys;
    }

    protected abstract Task<IReadOnlyList<string>> PopularTopicsAsync(int siteId, int take, CancellationToken ct);

    /// <summary>Reads keys in descending order, limit + 1 at most: the count up to the limit and the limit-th key when there are more.</summary>
    private protected static async Task<(int Count, long? Newest)> ReadWindowAsync(DbCommand command, int limit, CancellationToken ct)
    {
        var (count, newest, _) = await ReadWindowWithTopAsync(command, limit, ct);
        return (count, newest);
    }

    /// <summary><see cref="ReadWindowAsync"/>, plus the first (newest) key read: with Newest, the window's key span.</summary>
    private protected static async Task<(int Count, long? Newest, long Top)> ReadWindowWithTopAsync(DbCommand command, int limit, CancellationToken ct)
    {
        var count = 0;
        long last = 0, top = 0;
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            if (++count > limit)
            {
                return (limit, last, top);
            }
            last = reader.GetInt64(0);
            top = count == 1 ? last : top;
        }
        return (count, null, top);
    }

    protected DbCommand CreateCommand(string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = _ownTransaction ?? ambientTransaction?.Invoke();
        return command;
    }

    protected static void AddParameter(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }

    protected async Task WithConnectionAsync(Func<Task> work, CancellationToken ct) =>
        await WithConnectionAsync(async () =>
        {
            await work();
            return true;
        }, ct);

    protected async Task<T> WithConnectionAsync<T>(Func<Task<T>> work, CancellationToken ct)
    {
        // Leave the connection as we found it: EF opens and closes it per operation too.
        var opened = false;
        if (connection.State != ConnectionState.Open)
        {
            await connection.OpenAsync(ct);
            opened = true;
        }
        try
        {
            return await work();
        }
        finally
        {
            if (opened)
            {
                await connection.CloseAsync();
            }
        }
    }

    private Task InTransactionAsync(Func<Task> work, CancellationToken ct) =>
        WithConnectionAsync(async () =>
        {
            if (_ownTransaction is not null || ambientTransaction?.Invoke() is not null)
            {
                await work();
                return;
            }
            await using var transaction = await connection.BeginTransactionAsync(ct);
            _ownTransaction = transaction;
            try
            {
                await work();
                await transaction.CommitAsync(ct);
            }
            finally
            {
                _ownTransaction = null;
            }
        }, ct);

    protected static long? ToUnixMilliseconds(DateTimeOffset? at) => at?.ToUnixTimeMilliseconds();

    protected static DateTimeOffset? FromUnixMilliseconds(object value) =>
        value is DBNull ? null : DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(value));

    private static SearchDocument Normalize(SearchDocument d) => d with
    {
        Title = VietnameseText.Normalize(d.Title),
        Summary = d.Summary is null ? null : VietnameseText.Normalize(d.Summary),
        Body = d.Body is null ? null : VietnameseText.Normalize(d.Body),
        TopicKeys = d.TopicKeys?.Where(k => !string.IsNullOrWhiteSpace(k)).Select(k => k.Trim()).Distinct(StringComparer.Ordinal).ToList(),
    };
}
