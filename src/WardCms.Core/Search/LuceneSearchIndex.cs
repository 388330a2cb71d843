using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Search.Spans;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Microsoft.Extensions.Logging;
using WardCms.Core.Search.Lucene;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace WardCms.Core.Search;

/// <summary>
/// The search engine for every deployment, SQLite or PostgreSQL alike: a Lucene.Net index under the
/// data folder, one <see cref="IndexWriter"/> and a <see cref="SearcherManager"/> refreshed after each
/// change. Every match is counted and ranked (BM25). Queries are built from the terms of
/// <see cref="ParsedQuery"/>, never parsed from the visitor's text. Thread-safe; one per process.
/// The index is opened on first use, so a command that only writes outbox rows (`recipe apply`)
/// never takes the writer's lock from the running portal.
/// </summary>
public sealed class LuceneSearchIndex : ISearchIndex, IDisposable
{
    // Stored and indexed fields of a document.
    private const string KeyField = "key", SiteField = "site", IdField = "id";
    internal const string TypeField = "type", TopicField = "topic", YearField = "year";
    private const string UrlField = "url", PublishedField = "published";
    internal const string TitleField = "title", SummaryField = "summary", BodyField = "body";

    // Title, summary and body again as one field (not stored), each value a position gap apart: the
    // phrase checks that only ask "are the words together anywhere" read one field's positions, not three.
    private const string AllField = "all";

    /// <summary>
    /// Ranking weights, in one place: a word in the title counts more than in the summary, which
    /// counts more than in the body. Each word scores its best field, plus a little of the others.
    /// </summary>
    internal static readonly (string Field, float Weight)[] TextFields = [(TitleField, 10f), (SummaryField, 4f), (BodyField, 1f)];
    private const float FieldTieBreaker = 0.1f;

    // Tiers above any BM25 sum (at most a few thousand for 16 words): items with the visitor's words
    // adjacent and in order first, and among them those in the index's usual reading of the words.
    private const float AdjacentBoost = 100_000f;
    private const float ReadingBoost = 10_000f;

    // How many phrase matches are read to learn how the index usually writes an unmarked query.
    private const int ReadingSample = 40;
    private const int ReadingBodyChars = 4000;

    private const string CheckpointKey = "outbox";

    private readonly string? _path;
    private readonly ILogger? _log;
    private readonly Func<State> _open;
    private readonly System.Threading.Lock _sync = new();
    private State? _state;
    private readonly Sort _ranked = new(SortField.FIELD_SCORE, new SortField(PublishedField, SortFieldType.INT64, true));
    private readonly Sort _newest = new(new SortField(PublishedField, SortFieldType.INT64, true), SortField.FIELD_DOC);

    /// <summary>An index in a folder (created when missing; rebuilt from empty when unreadable, see <see cref="WasReset"/>).</summary>
    public LuceneSearchIndex(string path, ILogger<LuceneSearchIndex>? log = null)
    {
        _path = path;
        _log = log;
        // NIOFSDirectory, not FSDirectory.Open's MMapDirectory: with MMap (beta00017) a search grew from
        // ~4.5 to 13-15 ms over 30 s of load until a full GC (apache/lucenenet #1151, fixed after 00017);
        // NIOFS stayed flat at ~4.5 ms in the same run of `./wardcms bench search`.
        _open = () => Open(new NIOFSDirectory(path));
    }

    /// <summary>An index in a directory the caller provides (tests: <see cref="RAMDirectory"/>).</summary>
    public LuceneSearchIndex(LuceneDirectory directory)
    {
        _open = () => Open(directory);
    }

    private sealed record State(LuceneDirectory Directory, IndexWriter Writer, SearcherManager Searchers, bool WasReset);

    // Opened on first use; a failure (the writer's lock held by another process) is not remembered.
    private State S
    {
        get
        {
            if (Volatile.Read(ref _state) is { } state)
            {
                return state;
            }
            lock (_sync)
            {
                return _state ??= _open();
            }
        }
    }

    /// <summary>True when the folder held no readable index and this one started empty: it needs a rebuild.</summary>
    public bool WasReset => S.WasReset;

    /// <summary>The last outbox row the committed index reflects (0 for a new index).</summary>
    public long Checkpoint =>
        S.Writer.CommitData is { } data && data.TryGetValue(CheckpointKey, out var value) && long.TryParse(value, out var n) ? n : 0;

    private State Open(LuceneDirectory directory)
    {
        try
        {
            if (DirectoryReader.IndexExists(directory))
            {
                // Opening a reader reads every segment's header: a damaged or foreign folder fails here.
                using var probe = DirectoryReader.Open(directory);
            }
            return Create(directory, OpenMode.CREATE_OR_APPEND, wasReset: !DirectoryReader.IndexExists(directory));
        }
        catch (Exception ex) when (ex is IOException or CorruptIndexException or IndexFormatTooOldException or IndexFormatTooNewException
            or InvalidOperationException or ArgumentException && ex is not LockObtainFailedException)
        {
            _log?.LogWarning(ex, "The search index in {Path} could not be read; starting it again from empty (it is rebuilt from the database).", _path);
            foreach (var file in directory.ListAll())
            {
                directory.DeleteFile(file);
            }
            return Create(directory, OpenMode.CREATE, wasReset: true);
        }
    }

    private static State Create(LuceneDirectory directory, OpenMode mode, bool wasReset)
    {
        var config = new IndexWriterConfig(VietnameseAnalyzer.Version, new VietnameseAnalyzer())
        {
            OpenMode = mode,
            Similarity = new BM25Similarity(),
        };
        var writer = new IndexWriter(directory, config);
        if (mode == OpenMode.CREATE)
        {
            writer.Commit(); // an empty but valid index, so a reader opens before the first rebuild ends
        }
        return new State(directory, writer, new SearcherManager(writer, true, new Bm25SearcherFactory()), wasReset);
    }

    private sealed class Bm25SearcherFactory : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader) => new(reader) { Similarity = new BM25Similarity() };
    }

    // ---- Writing -------------------------------------------------------------------------------

    public Task UpsertAsync(SearchDocument document, CancellationToken ct = default) => UpsertManyAsync([document], ct);

    public Task UpsertManyAsync(IEnumerable<SearchDocument> documents, CancellationToken ct = default)
    {
        Write(documents);
        Refresh();
        return Task.CompletedTask;
    }

    public Task RemoveAsync(int siteId, long id, CancellationToken ct = default)
    {
        Delete(siteId, id);
        Refresh();
        return Task.CompletedTask;
    }

    public Task ClearAsync(int siteId, CancellationToken ct = default)
    {
        ClearSite(siteId);
        Refresh();
        return Task.CompletedTask;
    }

    public Task RebuildAsync(int siteId, IEnumerable<SearchDocument> documents, CancellationToken ct = default)
    {
        var list = documents.ToList();
        if (list.FirstOrDefault(d => d.SiteId != siteId) is { } stray)
        {
            throw new ArgumentException($"Document {stray.Id} belongs to site {stray.SiteId}, not to site {siteId} being rebuilt.", nameof(documents));
        }
        ClearSite(siteId);
        Write(list);
        Refresh();
        return Task.CompletedTask;
    }

    /// <summary>Adds or replaces documents without making them visible yet (see <see cref="Refresh"/>).</summary>
    internal void Write(IEnumerable<SearchDocument> documents)
    {
        foreach (var document in documents)
        {
            var d = Normalize(document);
            S.Writer.UpdateDocument(new Term(KeyField, Key(d.SiteId, d.Id)), ToLucene(d));
        }
    }

    internal void Delete(int siteId, long id) => S.Writer.DeleteDocuments(new Term(KeyField, Key(siteId, id)));

    internal void ClearSite(int siteId) => S.Writer.DeleteDocuments(new Term(SiteField, Site(siteId)));

    /// <summary>Makes every change so far visible to searches.</summary>
    internal void Refresh() => S.Searchers.MaybeRefreshBlocking();

    /// <summary>Makes the changes durable, recording the last outbox row they reflect, and visible.</summary>
    internal void Commit(long checkpoint)
    {
        S.Writer.SetCommitData(new Dictionary<string, string> { [CheckpointKey] = checkpoint.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        S.Writer.Commit();
        Refresh();
    }

    private static string Key(int siteId, long id) => $"{siteId}:{id}";

    private static string Site(int siteId) => siteId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static Document ToLucene(SearchDocument d)
    {
        var doc = new Document
        {
            new StringField(KeyField, Key(d.SiteId, d.Id), Field.Store.NO),
            new StringField(SiteField, Site(d.SiteId), Field.Store.NO),
            new StoredField(IdField, d.Id),
            new StringField(TypeField, d.ContentType, Field.Store.YES),
            new SortedDocValuesField(TypeField, new BytesRef(d.ContentType)),
            new StoredField(UrlField, d.Url),
            Text(TitleField, d.Title, d.Weight),
        };
        if (d.Summary is not null)
        {
            doc.Add(Text(SummaryField, d.Summary, d.Weight));
        }
        if (d.Body is not null)
        {
            doc.Add(Text(BodyField, d.Body, d.Weight));
        }
        foreach (var value in new[] { d.Title, d.Summary, d.Body })
        {
            if (value is not null)
            {
                doc.Add(new TextField(AllField, value, Field.Store.NO));
            }
        }
        var published = d.PublishedAt?.ToUnixTimeMilliseconds() ?? 0;
        doc.Add(new NumericDocValuesField(PublishedField, published));
        if (d.PublishedAt is not null)
        {
            doc.Add(new StoredField(PublishedField, published));
        }
        if (d.Year is { } year)
        {
            doc.Add(new StringField(YearField, year.ToString(System.Globalization.CultureInfo.InvariantCulture), Field.Store.NO));
            doc.Add(new NumericDocValuesField(YearField, year));
        }
        foreach (var topic in d.TopicKeys ?? [])
        {
            doc.Add(new StringField(TopicField, topic, Field.Store.NO));
            doc.Add(new SortedSetDocValuesField(TopicField, new BytesRef(topic)));
        }
        return doc;
    }

    /// <summary>
    /// A text field with the type's search weight as Lucene's index-time boost, which BM25 folds into
    /// the field's length norm: a weight of 1.5 scores the field as if it were 2.25 times shorter, so
    /// between two items that match alike the weighted one wins, and a far better match still does.
    /// </summary>
    private static TextField Text(string name, string value, double weight) =>
        new(name, value, Field.Store.YES) { Boost = (float)Math.Clamp(weight, 0.25, 4.0) };

    private static SearchDocument Normalize(SearchDocument d) => d with
    {
        Title = VietnameseText.Normalize(d.Title),
        Summary = d.Summary is null ? null : VietnameseText.Normalize(d.Summary),
        Body = d.Body is null ? null : VietnameseText.Normalize(d.Body),
        TopicKeys = d.TopicKeys?.Where(k => !string.IsNullOrWhiteSpace(k)).Select(k => k.Trim()).Distinct(StringComparer.Ordinal).ToList(),
    };

    // ---- Searching -----------------------------------------------------------------------------

    public Task<int> CountAsync(int siteId, CancellationToken ct = default) =>
        Task.FromResult(WithSearcher(s => Count(s, new TermQuery(new Term(SiteField, Site(siteId))))));

    public Task<SearchResults> SearchAsync(SearchQuery query, CancellationToken ct = default)
    {
        var page = query.EffectivePage;
        var pageSize = query.EffectivePageSize;
        var parsed = ParsedQuery.Parse(query.Text, query.Synonyms);
        // Punctuation alone ("--", "*") is not a question; with a filter it still lists that filter's items.
        if (parsed.IsEmpty && !query.HasFilter)
        {
            return Task.FromResult(SearchResults.Empty(page, pageSize));
        }
        return Task.FromResult(WithSearcher(searcher => Search(searcher, parsed, query, page, pageSize)));
    }

    private SearchResults Search(IndexSearcher searcher, ParsedQuery parsed, SearchQuery query, int page, int pageSize)
    {
        // "tam tru" typed and sent: "tru" is a whole word of the index, so it means that word, not
        // every word starting with it (trực, trung, trường…). A prefix stays for what is not a word yet.
        if (parsed.TypingTerm is { } typing && IsWord(searcher, typing))
        {
            parsed = parsed.WithoutPrefix();
        }

        string? didYouMean = null;
        Query ranked;
        if (parsed.IsEmpty)
        {
            ranked = Filtered(new MatchAllDocsQuery(), query);
        }
        else
        {
            var text = Filtered(TextQuery(parsed), query);
            var main = new BooleanQuery();
            if (AdjacentTerms(parsed) is { } adjacent)
            {
                main.Add(new ConstantScoreQuery(FieldQuery(AllField, adjacent)) { Boost = AdjacentBoost }, Occur.SHOULD);
                if (!parsed.HasMarks && Reading(searcher, adjacent, query) is { } reading)
                {
                    main.Add(new ConstantScoreQuery(FieldQuery(AllField, reading.Terms)) { Boost = ReadingBoost }, Occur.SHOULD);
                    // Relevance as if the usual reading had been typed: "thu tuc dat dai" scores đất
                    // and đai, not the "thứ" and "dài" of a title that only shares the folded letters.
                    text = NoScore(text);
                    foreach (var term in reading.Terms)
                    {
                        main.Add(FieldsQuery([term]), Occur.SHOULD);
                    }
                    didYouMean = reading.Ambiguous ? reading.Text : null;
                }
            }
            main.Add(text, Occur.MUST);
            ranked = main;
        }

        var top = TopFieldCollector.Create(parsed.IsEmpty ? _newest : _ranked, page * pageSize, false, false, false, false);
        var counting = query.WithCounts ? new CountingCollector(!query.HasType, !query.HasTopic, query.Year is null) : null;
        searcher.Search(ranked, counting is null ? top : MultiCollector.Wrap(top, counting));
        var total = top.TotalHits;

        var hits = new List<SearchHit>(pageSize);
        foreach (var scoreDoc in top.GetTopDocs((page - 1) * pageSize, pageSize).ScoreDocs)
        {
            var doc = searcher.Doc(scoreDoc.Doc);
            var title = doc.Get(TitleField) ?? "";
            hits.Add(new SearchHit(
                doc.GetField(IdField).GetInt64Value() ?? 0, title, SearchHighlighter.Highlight(title, parsed), doc.Get(UrlField) ?? "",
                doc.Get(TypeField) ?? "", SearchHighlighter.Snippet(doc.Get(SummaryField), doc.Get(BodyField), parsed),
                doc.GetField(PublishedField)?.GetInt64Value() is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null));
        }

        var suggestions = total == 0 && !parsed.IsEmpty ? Suggest(searcher, parsed, query) : [];
        return new SearchResults(total, page, pageSize, hits, suggestions)
        {
            DidYouMean = didYouMean,
            Counts = counting is null ? null : Counts(searcher, parsed, query, counting),
        };
    }

    /// <summary>Every group must be found (a synonym group: any of its forms).</summary>
    private static Query TextQuery(ParsedQuery parsed)
    {
        var all = new BooleanQuery();
        foreach (var group in parsed.Groups)
        {
            if (!group.HasAlternatives)
            {
                all.Add(FieldsQuery(group.Terms), Occur.MUST);
                continue;
            }
            // The words as typed match as they would without the synonym (each word, anywhere), so a
            // synonym only ever adds items; each other form is a phrase and scores as itself: "cccd"
            // finds "căn cước công dân" ranked as if typed in full.
            Query typed;
            if (group.Terms.Count == 1)
            {
                typed = FieldsQuery(group.Terms);
            }
            else
            {
                var words = new BooleanQuery();
                foreach (var term in group.Terms)
                {
                    words.Add(FieldsQuery([term]), Occur.MUST);
                }
                typed = words;
            }
            var any = new DisjunctionMaxQuery(0f) { typed };
            foreach (var form in group.Alternatives!)
            {
                any.Add(FieldsQuery(form));
            }
            all.Add(any, Occur.MUST);
        }
        return all;
    }

    /// <summary>These terms, adjacent and in order, in any text field, each field with its weight.</summary>
    private static Query FieldsQuery(IReadOnlyList<QueryTerm> terms)
    {
        var fields = new DisjunctionMaxQuery(FieldTieBreaker);
        foreach (var (field, weight) in TextFields)
        {
            var q = FieldQuery(field, terms);
            q.Boost = weight;
            fields.Add(q);
        }
        return fields;
    }

    private static Query FieldQuery(string field, IReadOnlyList<QueryTerm> terms)
    {
        if (terms.Count == 1)
        {
            var term = new Term(field, terms[0].IndexForm);
            return terms[0].Prefix ? new PrefixQuery(term) : new TermQuery(term);
        }
        if (terms.All(t => !t.Prefix))
        {
            var phrase = new PhraseQuery();
            foreach (var t in terms)
            {
                phrase.Add(new Term(field, t.IndexForm));
            }
            return phrase;
        }
        var spans = terms.Select(t => t.Prefix
            ? (SpanQuery)new SpanMultiTermQueryWrapper<PrefixQuery>(new PrefixQuery(new Term(field, t.IndexForm)))
            : new SpanTermQuery(new Term(field, t.IndexForm))).ToArray();
        return new SpanNearQuery(spans, 0, true);
    }

    /// <summary>The whole query as one phrase, when it has several words not already one quoted phrase.</summary>
    private static IReadOnlyList<QueryTerm>? AdjacentTerms(ParsedQuery parsed)
    {
        var terms = parsed.Terms;
        return terms.Count < 2 || parsed.Groups is [{ Quoted: true }] ? null : terms;
    }

    /// <summary>Site and the visitor's filters, which select without scoring.</summary>
    private static Query Filtered(Query query, SearchQuery q, bool type = true, bool topic = true, bool year = true)
    {
        var filtered = new BooleanQuery
        {
            { query, Occur.MUST },
            { NoScore(new TermQuery(new Term(SiteField, Site(q.SiteId)))), Occur.MUST },
        };
        if (type && q.HasType)
        {
            filtered.Add(NoScore(new TermQuery(new Term(TypeField, q.Type!.Trim()))), Occur.MUST);
        }
        if (topic && q.HasTopic)
        {
            filtered.Add(NoScore(new TermQuery(new Term(TopicField, q.Topic!.Trim()))), Occur.MUST);
        }
        if (year && q.Year is { } y)
        {
            filtered.Add(NoScore(new TermQuery(new Term(YearField, y.ToString(System.Globalization.CultureInfo.InvariantCulture)))), Occur.MUST);
        }
        return filtered;
    }

    private static Query NoScore(Query query) => new ConstantScoreQuery(query) { Boost = 0f };

    private static bool IsWord(IndexSearcher searcher, QueryTerm term) =>
        TextFields.Any(f => searcher.IndexReader.DocFreq(new Term(f.Field, term.IndexForm)) > 0);

    private static int Count(IndexSearcher searcher, Query query)
    {
        var collector = new TotalHitCountCollector();
        searcher.Search(query, collector);
        return collector.TotalHits;
    }

    // ---- Readings: how the index writes a query typed without marks -----------------------------

    private sealed record ReadingResult(IReadOnlyList<QueryTerm> Terms, string Text, bool Ambiguous);

    /// <summary>
    /// Reads the first items holding the unmarked words adjacent ("thu tuc dat dai") and counts how
    /// each writes them (thủ tục đất đai, thủ tục đặt đài). The most frequent reading ranks first;
    /// when there is more than one, the page offers it as "did you mean". Null when the query has a
    /// prefix or a synonym, or no item holds the words together.
    /// </summary>
    private static ReadingResult? Reading(IndexSearcher searcher, IReadOnlyList<QueryTerm> terms, SearchQuery query)
    {
        if (terms.Any(t => t.Prefix))
        {
            return null;
        }
        // What the index says about a query changes only with the index: remembered per reader, which
        // a refresh replaces (common queries repeat; reading the sample was most of an unmarked query's cost).
        var key = $"{query.SiteId}|{query.Type}|{query.Topic}|{query.Year}|{string.Join(' ', terms.Select(t => t.Folded))}";
        var remembered = Readings.GetValue(searcher.IndexReader, _ => new System.Collections.Concurrent.ConcurrentDictionary<string, ReadingResult?>(StringComparer.Ordinal));
        if (remembered.TryGetValue(key, out var known))
        {
            return known;
        }
        var reading = ReadSample(searcher, terms, query);
        if (remembered.Count < MaxRememberedReadings)
        {
            remembered[key] = reading;
        }
        return reading;
    }

    private const int MaxRememberedReadings = 2000;

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IndexReader, System.Collections.Concurrent.ConcurrentDictionary<string, ReadingResult?>> Readings = [];

    private static ReadingResult? ReadSample(IndexSearcher searcher, IReadOnlyList<QueryTerm> terms, SearchQuery query)
    {
        var sample = new FirstDocsCollector(ReadingSample);
        try
        {
            searcher.Search(Filtered(FieldQuery(AllField, terms), query), sample);
        }
        catch (FirstDocsCollector.EnoughException)
        {
            // Stopped after the sample: the rest need not be visited.
        }
        var counts = new Dictionary<string, (int Count, List<TextToken> Tokens)>(StringComparer.Ordinal);
        var shortFields = new HashSet<string> { TitleField, SummaryField };
        var bodyField = new HashSet<string> { BodyField };
        foreach (var docId in sample.Docs)
        {
            // Title and summary first; the body (long) only when the words are not together there.
            var doc = searcher.Doc(docId, shortFields);
            var found = FindReading(doc.Get(TitleField), terms) ?? FindReading(doc.Get(SummaryField), terms)
                ?? FindReading(Head(searcher.Doc(docId, bodyField).Get(BodyField)), terms);
            if (found is not null)
            {
                var key = string.Join(' ', found.Select(t => VietnameseSpelling.Unify(t.Exact)));
                counts[key] = counts.TryGetValue(key, out var c) ? (c.Count + 1, c.Tokens) : (1, found);
            }
        }
        if (counts.Count == 0)
        {
            return null;
        }
        var best = counts.OrderByDescending(c => c.Value.Count).First();
        var readingTerms = best.Value.Tokens.Select(QueryTerm.From).ToList();
        if (readingTerms.All(t => !t.HasMarks))
        {
            return null; // written without marks, as typed: nothing to prefer
        }
        return new ReadingResult(readingTerms, string.Join(' ', best.Value.Tokens.Select(t => t.Exact)), counts.Count > 1);
    }

    private static string? Head(string? body) => body is { Length: > ReadingBodyChars } ? body[..ReadingBodyChars] : body;

    private static List<TextToken>? FindReading(string? text, IReadOnlyList<QueryTerm> terms)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        var tokens = VietnameseText.Tokenize(text);
        for (var i = 0; i + terms.Count <= tokens.Count; i++)
        {
            var all = true;
            for (var k = 0; k < terms.Count && all; k++)
            {
                all = terms[k].Matches(tokens[i + k]);
            }
            if (all)
            {
                return tokens.Skip(i).Take(terms.Count).ToList();
            }
        }
        return null;
    }

    // ---- Suggestions when nothing is found ------------------------------------------------------

    private IReadOnlyList<SearchSuggestion> Suggest(IndexSearcher searcher, ParsedQuery parsed, SearchQuery query)
    {
        var suggestions = new List<SearchSuggestion>();
        bool Finds(ParsedQuery q) => !q.IsEmpty && Count(searcher, Filtered(TextQuery(q), query)) > 0;

        if (parsed.HasMarks && parsed.WithoutMarks() is var plain && Finds(plain))
        {
            suggestions.Add(new SearchSuggestion(SearchSuggestionKind.WithoutDiacritics, plain.ToText()));
        }
        if (Respelled(searcher, parsed, query) is { } respelled && Finds(respelled))
        {
            suggestions.Add(new SearchSuggestion(SearchSuggestionKind.Spelling, respelled.ToText()));
        }
        if (parsed.Groups.Count > 1)
        {
            // Dropping the last word first: it is the one most likely mistyped or still being typed.
            foreach (var index in new[] { parsed.Groups.Count - 1, 0 })
            {
                var shorter = parsed.WithoutGroup(index);
                if (Finds(shorter))
                {
                    suggestions.Add(new SearchSuggestion(SearchSuggestionKind.FewerWords, shorter.ToText()));
                }
            }
        }
        foreach (var topic in PopularTopics(searcher, query.SiteId, 5))
        {
            suggestions.Add(new SearchSuggestion(SearchSuggestionKind.PopularTopic, topic));
        }
        return suggestions;
    }

    /// <summary>
    /// The query with each word the index does not hold replaced by a near word that it does
    /// (Lucene's fuzzy terms: up to two edits, the first letter kept). Among the nearest few, the one
    /// that makes the words most often found together wins ("tam trus": tru, as in "tạm trú", not
    /// the more frequent "trực"). Null when every word is in the index or none has a near neighbour.
    /// </summary>
    private static ParsedQuery? Respelled(IndexSearcher searcher, ParsedQuery parsed, SearchQuery query)
    {
        var changed = false;
        var result = parsed;
        for (var g = 0; g < parsed.Groups.Count; g++)
        {
            for (var t = 0; t < parsed.Groups[g].Terms.Count; t++)
            {
                var term = parsed.Groups[g].Terms[t];
                if (term.Folded.Length < 3 || IsWord(searcher, term with { HasMarks = false, Prefix = false }))
                {
                    continue;
                }
                var candidates = new Dictionary<string, (float Boost, int Freq)>(StringComparer.Ordinal);
                foreach (var (field, _) in TextFields)
                {
                    var fuzzy = new FuzzyQuery(new Term(field, term.Folded), 2, 1, 20, true);
                    if (searcher.Rewrite(fuzzy) is not BooleanQuery rewritten)
                    {
                        continue;
                    }
                    foreach (var clause in rewritten.Clauses)
                    {
                        // The folded forms only: the suggestion is written without marks.
                        if (clause.Query is TermQuery tq && tq.Term.Text == VietnameseText.Fold(tq.Term.Text))
                        {
                            var freq = searcher.IndexReader.DocFreq(tq.Term);
                            var known = candidates.GetValueOrDefault(tq.Term.Text);
                            candidates[tq.Term.Text] = (Math.Max(known.Boost, tq.Boost), Math.Max(known.Freq, freq));
                        }
                    }
                }
                var best = candidates.OrderByDescending(c => c.Value.Boost).ThenByDescending(c => c.Value.Freq).Take(5)
                    .Select(c => (Text: c.Key, Together: Together(result.WithTerm(g, t, Plain(c.Key)))))
                    .OrderByDescending(c => c.Together)
                    .FirstOrDefault();
                if (best.Text is not null && best.Together > 0)
                {
                    result = result.WithTerm(g, t, Plain(best.Text));
                    changed = true;
                }
            }
        }
        return changed ? result : null;

        static QueryTerm Plain(string word) => new(word, word, false, false, word);

        int Together(ParsedQuery q) => Count(searcher, Filtered(AdjacentTerms(q) is { } adjacent ? FieldQuery(AllField, adjacent) : TextQuery(q), query));
    }

    private static IEnumerable<string> PopularTopics(IndexSearcher searcher, int siteId, int take)
    {
        var counting = new CountingCollector(types: false, topics: true, years: false);
        searcher.Search(new TermQuery(new Term(SiteField, Site(siteId))), counting);
        return counting.Topics.OrderByDescending(t => t.Value).ThenBy(t => t.Key, StringComparer.Ordinal).Take(take).Select(t => t.Key);
    }

    // ---- Counts per filter value ---------------------------------------------------------------

    private static SearchFacetCounts Counts(IndexSearcher searcher, ParsedQuery parsed, SearchQuery query, CountingCollector main)
    {
        // A dimension the visitor filtered on is counted again without its own filter.
        Query Base(bool type, bool topic, bool year) =>
            Filtered(parsed.IsEmpty ? new MatchAllDocsQuery() : TextQuery(parsed), query, type, topic, year);
        var types = main.Types;
        var topics = main.Topics;
        var years = main.Years;
        if (query.HasType)
        {
            var c = new CountingCollector(true, false, false);
            searcher.Search(Base(false, true, true), c);
            types = c.Types;
        }
        if (query.HasTopic)
        {
            var c = new CountingCollector(false, true, false);
            searcher.Search(Base(true, false, true), c);
            topics = c.Topics;
        }
        if (query.Year is not null)
        {
            var c = new CountingCollector(false, false, true);
            searcher.Search(Base(true, true, false), c);
            years = c.Years;
        }
        return new SearchFacetCounts(types, topics, years);
    }

    private T WithSearcher<T>(Func<IndexSearcher, T> work)
    {
        var searcher = S.Searchers.Acquire();
        try
        {
            return work(searcher);
        }
        finally
        {
            S.Searchers.Release(searcher);
        }
    }

    public void Dispose()
    {
        State? state;
        lock (_sync)
        {
            state = _state;
            _state = null;
        }
        if (state is null)
        {
            return;
        }
        state.Searchers.Dispose();
        // Uncommitted changes are left to the outbox: rows after the checkpoint are applied again at start.
        state.Writer.Rollback();
        state.Writer.Dispose();
        state.Directory.Dispose();
    }
}

/// <summary>Counts matches per type, topic and year from the documents' doc values, in the same pass as the ranking.</summary>
internal sealed class CountingCollector(bool types, bool topics, bool years) : ICollector
{
    private SortedDocValues? _type;
    private SortedSetDocValues? _topic;
    private NumericDocValues? _year;
    private IBits? _hasYear;
    private int[] _typeCounts = [];
    private int[] _topicCounts = [];

    private readonly Dictionary<string, int> _types = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _topics = new(StringComparer.Ordinal);

    public Dictionary<string, int> Types
    {
        get
        {
            Flush();
            return _types;
        }
    }

    public Dictionary<string, int> Topics
    {
        get
        {
            Flush();
            return _topics;
        }
    }

    public Dictionary<int, int> Years { get; } = [];

    public bool AcceptsDocsOutOfOrder => true;

    public void SetScorer(Scorer scorer)
    {
    }

    public void SetNextReader(AtomicReaderContext context)
    {
        Flush();
        var reader = context.AtomicReader;
        _type = types ? reader.GetSortedDocValues(LuceneSearchIndex.TypeField) : null;
        _topic = topics ? reader.GetSortedSetDocValues(LuceneSearchIndex.TopicField) : null;
        _year = years ? reader.GetNumericDocValues(LuceneSearchIndex.YearField) : null;
        _hasYear = years ? reader.GetDocsWithField(LuceneSearchIndex.YearField) : null;
        _typeCounts = _type is null ? [] : new int[_type.ValueCount];
        _topicCounts = _topic is null ? [] : new int[_topic.ValueCount];
    }

    public void Collect(int doc)
    {
        if (_type is not null && _type.GetOrd(doc) is var ord and >= 0)
        {
            _typeCounts[ord]++;
        }
        if (_topic is not null)
        {
            _topic.SetDocument(doc);
            for (var o = _topic.NextOrd(); o != SortedSetDocValues.NO_MORE_ORDS; o = _topic.NextOrd())
            {
                _topicCounts[o]++;
            }
        }
        if (_year is not null && _hasYear is not null && _hasYear.Get(doc))
        {
            var y = (int)_year.Get(doc);
            Years[y] = Years.GetValueOrDefault(y) + 1;
        }
    }

    // Ordinals are per segment: turn them into names before moving on (and once more at the end).
    private void Flush()
    {
        var bytes = new BytesRef();
        for (var o = 0; o < _typeCounts.Length; o++)
        {
            if (_typeCounts[o] > 0)
            {
                _type!.LookupOrd(o, bytes);
                var name = bytes.Utf8ToString();
                _types[name] = _types.GetValueOrDefault(name) + _typeCounts[o];
            }
        }
        for (var o = 0; o < _topicCounts.Length; o++)
        {
            if (_topicCounts[o] > 0)
            {
                _topic!.LookupOrd(o, bytes);
                var name = bytes.Utf8ToString();
                _topics[name] = _topics.GetValueOrDefault(name) + _topicCounts[o];
            }
        }
        _typeCounts = [];
        _topicCounts = [];
    }
}

/// <summary>Collects the first documents in index order and then stops the search (Lucene 4.8 stops a search by an exception).</summary>
internal sealed class FirstDocsCollector(int limit) : ICollector
{
    internal sealed class EnoughException : Exception;

    private int _docBase;

    public List<int> Docs { get; } = [];

    public bool AcceptsDocsOutOfOrder => true;

    public void SetScorer(Scorer scorer)
    {
    }

    public void SetNextReader(AtomicReaderContext context) => _docBase = context.DocBase;

    public void Collect(int doc)
    {
        Docs.Add(_docBase + doc);
        if (Docs.Count >= limit)
        {
            throw new EnoughException();
        }
    }
}
