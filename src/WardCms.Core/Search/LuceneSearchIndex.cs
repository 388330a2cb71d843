using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Miscellaneous;
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

    // The parts' filter values (ContentPartDefinition.FilterValues), each "{filter}\u001F{value}":
    // indexed to filter by, doc values to count by.
    internal const string FilterField = "filter";
    internal const char FilterSeparator = '\u001F';
    private const string UrlField = "url", PublishedField = "published";
    internal const string TitleField = "title", SummaryField = "summary", BodyField = "body", FieldsField = "fields";

    // Title, summary and body again as one field (not stored), each value a position gap apart: the
    // phrase checks that only ask "are the words together anywhere" read one field's positions, not three.
    private const string AllField = "all";

    // Each two neighbouring syllables of title, summary and body as one term, folded and as written
    // (SyllablePairAnalyzer): which items hold a query's words together, found without positions.
    // Matched and scored (BM25 of the pairs, see Matching), never read for positions.
    private const string PairsField = "pairs", MarkedPairsField = "xpairs";
    private static readonly FieldType PairsType = Frozen(new FieldType(TextField.TYPE_NOT_STORED) { IndexOptions = IndexOptions.DOCS_AND_FREQS });

    private static FieldType Frozen(FieldType type)
    {
        type.Freeze();
        return type;
    }

    /// <summary>
    /// How many of the first pass's best items get the full ranking (<see cref="Rescore"/>): the five
    /// pages a visitor may page through. Each costs ~40 µs (every term's postings advanced to it), so
    /// a hundred took 4 ms of a search at 100,000 documents (docs/performance.md).
    /// </summary>
    internal int RescoreWindow { get; init; } = 50;

    /// <summary>Tests: a merge policy that merges only when told (the segment count then depends on the writes alone).</summary>
    internal MergePolicy? MergePolicy { get; init; }

    /// <summary>
    /// Ranking weights, in one place: a word in the title counts more than in the summary, which
    /// counts more than in the body. Each word scores its best field, plus a little of the others.
    /// </summary>
    internal static readonly (string Field, float Weight)[] TextFields = [(TitleField, 10f), (SummaryField, 4f), (BodyField, 1f), (FieldsField, 0.8f)];
    private const float FieldTieBreaker = 0.1f;

    // Tiers above any BM25 sum (at most a few thousand for 16 words): items with the visitor's words
    // adjacent and in order first, and among them those in the index's usual reading of the words.
    private const float AdjacentBoost = 100_000f;
    private const float ReadingBoost = 10_000f;

    // How many phrase matches are read to learn how the index usually writes an unmarked query.
    private const int ReadingSample = 40;
    private const int ReadingBodyChars = 4000;

    private const string CheckpointKey = "outbox";

    // Which fields the index is written with; an index with another layout is rebuilt at start.
    // 4: the parts' filter values ("filter"). 3: the parts' fields ("fields", 2026-12-07). 2: the pair fields. 1: before (no layout recorded).
    private const string LayoutKey = "layout", Layout = "4";

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
        _open = () =>
        {
            var held = HoldProcessLock(path);
            try
            {
                return Open(new NIOFSDirectory(path)) with { ProcessLock = held };
            }
            catch
            {
                held.Dispose();
                throw;
            }
        };
    }

    /// <summary>
    /// One process writes an index folder. Lucene.Net's own write lock (beta00017) is no lock between
    /// processes on Linux: it holds <c>write.lock</c> with a shared flock, so a second process (a second
    /// portal, `./wardcms search rebuild` or `restore` while the portal runs) obtained it too, and two
    /// writers would corrupt the index. This file beside the folder is opened with <see cref="FileShare.None"/>,
    /// which .NET maps to an exclusive flock: refused to any other opener (in this process too) until
    /// the index is disposed, and released by the system if the process dies.
    /// </summary>
    public static string ProcessLockFile(string path) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(path)) + ".lock";

    /// <summary>Where a deployment keeps its index: <c>{data}/search-index</c>.</summary>
    public static string PathIn(string dataFolder) => Path.Combine(dataFolder, "search-index");

    /// <summary>Whether a process (this one included) holds the index in <paramref name="path"/> now.</summary>
    public static bool IsHeld(string path)
    {
        try
        {
            HoldProcessLock(path).Dispose();
            return false;
        }
        catch (LockObtainFailedException)
        {
            return true;
        }
    }

    private static FileStream HoldProcessLock(string path)
    {
        var file = ProcessLockFile(path);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        try
        {
            return new FileStream(file, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex)
        {
            throw new LockObtainFailedException($"Another process (or index) holds the search index in {path} ({file}).", ex);
        }
    }

    /// <summary>An index in a directory the caller provides (tests: <see cref="RAMDirectory"/>).</summary>
    public LuceneSearchIndex(LuceneDirectory directory)
    {
        _open = () => Open(directory);
    }

    private sealed record State(LuceneDirectory Directory, IndexWriter Writer, SearcherManager Searchers, bool WasReset)
    {
        public IDisposable? ProcessLock { get; init; }
    }

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
                if (!probe.IndexCommit.UserData.TryGetValue(LayoutKey, out var layout) || layout != Layout)
                {
                    // Written before the fields it is searched by existed: it would find, but rank wrong.
                    _log?.LogWarning("The search index in {Path} has layout {Old}, this version writes {New}; starting it again from empty (it is rebuilt from the database).",
                        _path, layout ?? "1", Layout);
                    return Reset(directory);
                }
            }
            return Create(directory, OpenMode.CREATE_OR_APPEND, wasReset: !DirectoryReader.IndexExists(directory));
        }
        catch (Exception ex) when (ex is IOException or CorruptIndexException or IndexFormatTooOldException or IndexFormatTooNewException
            or InvalidOperationException or ArgumentException && ex is not LockObtainFailedException)
        {
            _log?.LogWarning(ex, "The search index in {Path} could not be read; starting it again from empty (it is rebuilt from the database).", _path);
            return Reset(directory);
        }
    }

    private State Reset(LuceneDirectory directory)
    {
        foreach (var file in directory.ListAll())
        {
            directory.DeleteFile(file);
        }
        return Create(directory, OpenMode.CREATE, wasReset: true);
    }

    private State Create(LuceneDirectory directory, OpenMode mode, bool wasReset)
    {
        var analyzer = new PerFieldAnalyzerWrapper(new VietnameseAnalyzer(), new Dictionary<string, Analyzer>
        {
            [PairsField] = new SyllablePairAnalyzer(folded: true),
            [MarkedPairsField] = new SyllablePairAnalyzer(folded: false),
        });
        var config = new IndexWriterConfig(VietnameseAnalyzer.Version, analyzer)
        {
            OpenMode = mode,
            Similarity = new BM25Similarity(),
            // Fewer, larger segments than Lucene's defaults (10 per tier, segments under 2 MB taken as
            // 2 MB): a search pays per segment for every term. At 100,000 items, 1,000 items saved one
            // by one left 15 segments with the defaults and 3 with these (p50 6.5 against 4.6 ms,
            // docs/performance.md); an index under 64 MB (a ward's) is merged whole after a flush, a
            // fraction of a second in the background. A rebuild merges into one (Compact).
            MergePolicy = MergePolicy ?? new TieredMergePolicy { SegmentsPerTier = 4, MaxMergeAtOnce = 4, FloorSegmentMB = 64 },
        };
        var writer = new IndexWriter(directory, config);
        if (mode == OpenMode.CREATE)
        {
            writer.SetCommitData(CommitData(0));
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
        Compact();
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

    /// <summary>
    /// Merges the index into one segment (Lucene's force merge, Solr's "optimize") and makes it visible;
    /// done after a rebuild, when the whole index was just written. A search pays per segment for every
    /// term: at 100,000 items, the 12 segments that 20 batches of 5,000 left searched at p50 9.1 / p95
    /// 20.4 ms, one segment at 6.2 / 13.7 ms (docs/performance.md). Edits after it add small segments
    /// that the merge policy folds together; they leave the large one alone.
    /// </summary>
    internal void Compact()
    {
        S.Writer.ForceMerge(1);
        Refresh();
    }

    /// <summary>Waits for the merges under way and makes their result visible (benchmark, tests; the indexer's loop refreshes every few seconds).</summary>
    public void WaitForMerges()
    {
        S.Writer.WaitForMerges();
        Refresh();
    }

    /// <summary>How many segments searches read now (tests, benchmark).</summary>
    public int SegmentCount => WithSearcher(s => s.IndexReader.Leaves.Count);

    /// <summary>Makes the changes durable, recording the last outbox row they reflect, and visible.</summary>
    internal void Commit(long checkpoint)
    {
        S.Writer.SetCommitData(CommitData(checkpoint));
        S.Writer.Commit();
        Refresh();
    }

    private static Dictionary<string, string> CommitData(long checkpoint) => new()
    {
        [CheckpointKey] = checkpoint.ToString(System.Globalization.CultureInfo.InvariantCulture),
        [LayoutKey] = Layout,
    };

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
        if (d.Fields is not null)
        {
            doc.Add(Text(FieldsField, d.Fields, d.Weight));
        }
        foreach (var value in new[] { d.Title, d.Summary, d.Body, d.Fields })
        {
            if (value is not null)
            {
                doc.Add(new TextField(AllField, value, Field.Store.NO));
                doc.Add(new Field(PairsField, value, PairsType));
                doc.Add(new Field(MarkedPairsField, value, PairsType));
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
        foreach (var term in (d.FilterValues ?? []).Select(f => FilterTerm(f.Filter, f.Value)).Distinct(StringComparer.Ordinal))
        {
            doc.Add(new StringField(FilterField, term, Field.Store.NO));
            doc.Add(new SortedSetDocValuesField(FilterField, new BytesRef(term)));
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
        FilterValues = d.FilterValues?.Where(f => !string.IsNullOrWhiteSpace(f.Filter) && !string.IsNullOrWhiteSpace(f.Value))
            .Select(f => (f.Filter.Trim(), VietnameseText.Normalize(f.Value).Trim())).ToList(),
    };

    private static string FilterTerm(string filter, string value) => $"{filter}{FilterSeparator}{value}";

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
        return SearchAsync(parsed, query, page, pageSize);
    }

    private async Task<SearchResults> SearchAsync(ParsedQuery parsed, SearchQuery query, int page, int pageSize)
    {
        var searcher = S.Searchers.Acquire();
        Task<int>? counted = null;
        try
        {
            // "tam tru" typed and sent: "tru" is a whole word of the index, so it means that word, not
            // every word starting with it (trực, trung, trường…). A prefix stays for what is not a word yet.
            if (parsed.TypingTerm is { } typing && IsWord(searcher, typing))
            {
                parsed = parsed.WithoutPrefix();
            }

            string? didYouMean = null;
            List<int> ordered;
            int total;
            var counting = query.WithCounts ? new CountingCollector(!query.HasType, !query.HasTopic, query.Year is null, query.HasType) : null;
            if (parsed.IsEmpty)
            {
                var top = TopFieldCollector.Create(_newest, page * pageSize, false, false, false, false);
                searcher.Search(Filtered(searcher, new MatchAllDocsQuery(), query), counting is null ? top : MultiCollector.Wrap(top, counting));
                total = top.TotalHits;
                ordered = top.GetTopDocs().ScoreDocs.Select(d => d.Doc).ToList();
            }
            else
            {
                var adjacent = AdjacentTerms(parsed);
                var reading = adjacent is not null && !parsed.HasMarks ? Reading(searcher, adjacent, query) : null;
                didYouMean = reading is { Ambiguous: true } ? reading.Text : null;
                (ordered, counted) = FirstPass(searcher, parsed, query, adjacent, reading, page * pageSize, counting);
                ordered = Rescore(searcher, ordered, ExactRanking(parsed, adjacent, reading));
                total = 0;
            }

            var hits = new List<SearchHit>(pageSize);
            foreach (var docId in ordered.Skip((page - 1) * pageSize).Take(pageSize))
            {
                var doc = searcher.Doc(docId);
                var title = doc.Get(TitleField) ?? "";
                hits.Add(new SearchHit(
                    doc.GetField(IdField).GetInt64Value() ?? 0, title, SearchHighlighter.Highlight(title, parsed), doc.Get(UrlField) ?? "",
                    doc.Get(TypeField) ?? "", SearchHighlighter.Snippet(doc.Get(SummaryField), doc.Get(BodyField), parsed),
                    doc.GetField(PublishedField)?.GetInt64Value() is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null));
            }
            if (counted is not null)
            {
                total = await counted;
            }

            var suggestions = total == 0 && !parsed.IsEmpty ? Suggest(searcher, parsed, query) : [];
            return new SearchResults(total, page, pageSize, hits, suggestions)
            {
                DidYouMean = didYouMean,
                Counts = counting is null ? null : Counts(searcher, parsed, query, counting),
            };
        }
        finally
        {
            if (counted is not null)
            {
                // The reader stays open until the count beside the ranking is done with it, whatever happened here.
                await counted.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
            S.Searchers.Release(searcher);
        }
    }

    /// <summary>
    /// Every match, counted and put in a first order, best first, as deep as the page needs (at least
    /// <see cref="RescoreWindow"/>): tier by tier, each a search of its own that collects only what the
    /// tiers above did not. The tiers follow the full ranking's: the items holding the index's usual
    /// reading of an unmarked query adjacent, then those holding the words adjacent (pair terms, see
    /// <see cref="SyllablePairAnalyzer"/>), then every other match; and within each, first the items
    /// with the words in their title, as the title's weight (10 : 4 : 1) puts them first. Within a
    /// tier, BM25 of what it matched, newer first among equals. The last tier (every match) is searched
    /// only when the tiers above did not fill the depth. Every match is counted by a search of its own
    /// (the returned task), beside the ranking.
    /// Why tiers and not one query with the tiers as optional clauses: an optional clause is evaluated
    /// on every match (docs/performance.md: 7.1 ms against 1.6 + 1.9 ms). Why the title tiers: without
    /// them the first 50 of ~36,000 items with "hộ tịch" adjacent missed every short title holding it.
    /// </summary>
    private (List<int> Ordered, Task<int> Total) FirstPass(
        IndexSearcher searcher, ParsedQuery parsed, SearchQuery query, IReadOnlyList<QueryTerm>? adjacent, ReadingResult? reading,
        int pageEnd, CountingCollector? counting)
    {
        // Counting every match (and per filter value) reads the query's longest postings, and the ranking
        // needs none of it: it runs beside the ranking, on another core, and the caller waits for it
        // last (docs/performance.md: p50 6.2 → 4.9 ms at 100,000 items). Its own query object: a query
        // is not shared between threads.
        var countQuery = Matching(searcher, parsed, query, together: null);
        var counted = Task.Run(() =>
        {
            var total = new TotalHitCountCollector();
            searcher.Search(countQuery, counting is null ? total : MultiCollector.Wrap(total, counting));
            return total.TotalHits;
        });
        try
        {
            return (Order(searcher, parsed, query, adjacent, reading, pageEnd), counted);
        }
        catch
        {
            // The caller releases the reader on the way out: the count must be done with it first.
            ((IAsyncResult)counted).AsyncWaitHandle.WaitOne();
            throw;
        }
    }

    private List<int> Order(IndexSearcher searcher, ParsedQuery parsed, SearchQuery query, IReadOnlyList<QueryTerm>? adjacent, ReadingResult? reading, int pageEnd)
    {
        var depth = Math.Clamp(Math.Max(RescoreWindow, pageEnd), 1, Math.Max(1, searcher.IndexReader.MaxDoc));
        var ordered = new List<int>(Math.Min(depth, 1024));
        var seen = new HashSet<int>();
        var tiers = new List<(IReadOnlyList<QueryTerm>? Together, bool InTitle)>();
        foreach (var together in new[] { reading?.Terms, adjacent })
        {
            if (together is not null)
            {
                tiers.Add((together, true));
                tiers.Add((together, false));
            }
        }
        tiers.Add((null, true));
        foreach (var (together, inTitle) in tiers)
        {
            if (ordered.Count >= depth)
            {
                break;
            }
            CollectBest(searcher, Matching(searcher, parsed, query, together, inTitle), depth - ordered.Count, seen, ordered);
        }
        if (ordered.Count < depth)
        {
            CollectBest(searcher, Matching(searcher, parsed, query, together: null), depth - ordered.Count, seen, ordered);
        }
        return ordered;
    }

    private void CollectBest(IndexSearcher searcher, Query query, int count, HashSet<int> seen, List<int> ordered)
    {
        var top = TopFieldCollector.Create(_ranked, count, false, false, false, false);
        searcher.Search(query, seen.Count == 0 ? top : new ExceptCollector(top, seen));
        foreach (var scoreDoc in top.GetTopDocs().ScoreDocs)
        {
            seen.Add(scoreDoc.Doc);
            ordered.Add(scoreDoc.Doc);
        }
    }

    /// <summary>
    /// Every group of the query found anywhere in the item (the combined field, scored by BM25), the
    /// site and the visitor's filters, and, for a tier, the given words adjacent (their pair terms).
    /// One flat conjunction, so Lucene leads with its rarest term. When the query is plain words and
    /// every word is held by a pair (unmarked words by any pair, marked ones by a marked pair), the
    /// pairs alone select and score (BM25 of the pairs): a word's postings are far longer than a
    /// pair's, and leaving them out took a tier's search from 4.2 to 1.6 ms (docs/performance.md).
    /// </summary>
    private static BooleanQuery Matching(IndexSearcher searcher, ParsedQuery parsed, SearchQuery query, IReadOnlyList<QueryTerm>? together,
        bool inTitle = false, string? except = null)
    {
        BooleanQuery matching;
        if (together is not null && PairsHoldEveryWord(parsed, together))
        {
            matching = [];
            foreach (var pair in PairQueries(together))
            {
                matching.Add(pair, Occur.MUST);
            }
        }
        else
        {
            matching = TextQuery(parsed, terms => FieldQuery(AllField, terms));
            foreach (var pair in together is null ? [] : PairQueries(together))
            {
                matching.Add(NoScore(pair), Occur.MUST);
            }
        }
        if (inTitle)
        {
            // Every group in the title too (a title tier of FirstPass), scored by the title's BM25.
            foreach (var clause in TextQuery(parsed, terms => FieldQuery(TitleField, terms)).Clauses)
            {
                matching.Add(clause);
            }
        }
        foreach (var filter in Filters(searcher, query, except))
        {
            matching.Add(filter, Occur.MUST);
        }
        return matching;
    }

    /// <summary>
    /// Whether the pair terms of <paramref name="together"/> (the query's words, or their usual reading,
    /// word for word) imply every group of the query: plain words only, each unmarked or in a marked pair.
    /// </summary>
    private static bool PairsHoldEveryWord(ParsedQuery parsed, IReadOnlyList<QueryTerm> together)
    {
        if (together.Count < 2 || together.Count != parsed.Groups.Count
            || parsed.Groups.Any(g => g.Terms.Count != 1 || g.HasAlternatives || g.Quoted))
        {
            return false;
        }
        for (var i = 0; i < together.Count; i++)
        {
            var typed = parsed.Groups[i].Terms[0];
            var inMarkedPair = together[i].HasMarks && (i > 0 && together[i - 1].HasMarks || i + 1 < together.Count && together[i + 1].HasMarks);
            if (typed.Folded != together[i].Folded || typed.HasMarks && !inMarkedPair)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Each two neighbouring words as a pair term: as written when both carry marks, else folded.</summary>
    private static IEnumerable<Query> PairQueries(IReadOnlyList<QueryTerm> terms)
    {
        for (var i = 0; i + 1 < terms.Count; i++)
        {
            var (first, second) = (terms[i], terms[i + 1]);
            var marked = first.HasMarks && second.HasMarks;
            var term = new Term(marked ? MarkedPairsField : PairsField,
                (marked ? first.Exact : first.Folded) + SyllablePairAnalyzer.Separator + (marked ? second.Exact : second.Folded));
            yield return second.Prefix ? new PrefixQuery(term) : new TermQuery(term);
        }
    }

    /// <summary>
    /// The ranking the visitor sees, applied to the first <see cref="RescoreWindow"/> items of the first
    /// pass (Lucene's <see cref="QueryRescorer"/>): items with the words adjacent and in order first
    /// (a phrase, where the first pass had pairs), then the usual reading, then BM25 with each field's
    /// weight; newer first among equals. Items below the window keep the first pass's order.
    /// </summary>
    private List<int> Rescore(IndexSearcher searcher, List<int> ordered, Query exact)
    {
        var window = ordered.Take(RescoreWindow).Select(d => new ScoreDoc(d, 0f)).ToArray();
        if (window.Length < 2)
        {
            return ordered;
        }
        var rescored = new ExactRescorer(exact).Rescore(searcher, new TopDocs(window.Length, window, 0f), window.Length).ScoreDocs;
        var published = Published(searcher, rescored.Select(d => d.Doc));
        return rescored.OrderByDescending(d => d.Score).ThenByDescending(d => published[d.Doc]).Select(d => d.Doc)
            .Concat(ordered.Skip(window.Length)).ToList();
    }

    /// <summary>The second pass's score replaces the first's.</summary>
    private sealed class ExactRescorer(Query query) : QueryRescorer(query)
    {
        protected override float Combine(float firstPassScore, bool secondPassMatches, float secondPassScore) =>
            secondPassMatches ? secondPassScore : 0f;
    }

    private static Dictionary<int, long> Published(IndexSearcher searcher, IEnumerable<int> docs)
    {
        var leaves = searcher.IndexReader.Leaves;
        var result = new Dictionary<int, long>();
        foreach (var doc in docs)
        {
            var leaf = leaves[ReaderUtil.SubIndex(doc, leaves)];
            result[doc] = leaf.AtomicReader.GetNumericDocValues(PublishedField)?.Get(doc - leaf.DocBase) ?? 0;
        }
        return result;
    }

    /// <summary>
    /// The visitor's ranking as one query (see <see cref="Rescore"/>). It only ever scores items of the
    /// first pass, which are known to match and to be within the filters: neither is asked again.
    /// </summary>
    private static Query ExactRanking(ParsedQuery parsed, IReadOnlyList<QueryTerm>? adjacent, ReadingResult? reading)
    {
        if (adjacent is null)
        {
            return TextQuery(parsed, FieldsQuery);
        }
        var ranking = new BooleanQuery
        {
            { new ConstantScoreQuery(FieldQuery(AllField, adjacent)) { Boost = AdjacentBoost }, Occur.SHOULD },
        };
        if (reading is null)
        {
            ranking.Add(TextQuery(parsed, FieldsQuery), Occur.MUST);
            return ranking;
        }
        ranking.Add(new ConstantScoreQuery(FieldQuery(AllField, reading.Terms)) { Boost = ReadingBoost }, Occur.SHOULD);
        // Relevance as if the usual reading had been typed: "thu tuc dat dai" scores đất and đai, not
        // the "thứ" and "dài" of a title that only shares the folded letters.
        foreach (var term in reading.Terms)
        {
            ranking.Add(FieldsQuery([term]), Occur.SHOULD);
        }
        return ranking;
    }

    /// <summary>Every group must be found (a synonym group: any of its forms); <paramref name="words"/> matches a run of terms.</summary>
    private static BooleanQuery TextQuery(ParsedQuery parsed, Func<IReadOnlyList<QueryTerm>, Query> words)
    {
        var all = new BooleanQuery();
        foreach (var group in parsed.Groups)
        {
            if (!group.HasAlternatives)
            {
                all.Add(words(group.Terms), Occur.MUST);
                continue;
            }
            // The words as typed match as they would without the synonym (each word, anywhere), so a
            // synonym only ever adds items; each other form is a phrase and scores as itself: "cccd"
            // finds "căn cước công dân" ranked as if typed in full.
            Query typed;
            if (group.Terms.Count == 1)
            {
                typed = words(group.Terms);
            }
            else
            {
                var each = new BooleanQuery();
                foreach (var term in group.Terms)
                {
                    each.Add(words([term]), Occur.MUST);
                }
                typed = each;
            }
            var any = new DisjunctionMaxQuery(0f) { typed };
            foreach (var form in group.Alternatives!)
            {
                any.Add(words(form));
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

    /// <summary>The query, within the site and the visitor's filters.</summary>
    private static Query Filtered(IndexSearcher searcher, Query query, SearchQuery q, string? except = null)
    {
        var filtered = new BooleanQuery { { query, Occur.MUST } };
        foreach (var filter in Filters(searcher, q, except))
        {
            filtered.Add(filter, Occur.MUST);
        }
        return filtered;
    }

    /// <summary>
    /// Site and the visitor's filters, which select without scoring. The site is left out when every
    /// item of the index is the site's (a single-ward deployment): a conjunction with a term every
    /// document holds cost a quarter of a search's time (docs/performance.md). <paramref name="except"/>
    /// leaves one filter out (<see cref="Counts"/>): "type", "topic", "year" or a part filter's key.
    /// </summary>
    private static IEnumerable<Query> Filters(IndexSearcher searcher, SearchQuery q, string? except)
    {
        bool type = except != ExceptType, topic = except != ExceptTopic, year = except != ExceptYear;
        if (!HoldsEveryItem(searcher, q.SiteId))
        {
            yield return NoScore(new TermQuery(new Term(SiteField, Site(q.SiteId))));
        }
        if (type && q.HasType)
        {
            yield return NoScore(new TermQuery(new Term(TypeField, q.Type!.Trim())));
        }
        if (topic && q.HasTopic)
        {
            yield return NoScore(new TermQuery(new Term(TopicField, q.Topic!.Trim())));
        }
        if (year && q.Year is { } y)
        {
            yield return NoScore(new TermQuery(new Term(YearField, y.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        }
        foreach (var (filter, value) in q.PartFilters)
        {
            if (filter != except)
            {
                yield return NoScore(new TermQuery(new Term(FilterField, FilterTerm(filter, VietnameseText.Normalize(value).Trim()))));
            }
        }
    }

    // What Filters leaves out to count a dimension; a part filter's key never has a space.
    private const string ExceptType = " type", ExceptTopic = " topic", ExceptYear = " year";

    /// <summary>Whether every live document of this reader is the site's; worked out once per reader (a refresh makes a new one).</summary>
    private static bool HoldsEveryItem(IndexSearcher searcher, int siteId) =>
        SiteHoldsAll.GetValue(searcher.IndexReader, _ => new System.Collections.Concurrent.ConcurrentDictionary<int, bool>())
            .GetOrAdd(siteId, id => Count(searcher, new TermQuery(new Term(SiteField, Site(id)))) == searcher.IndexReader.NumDocs);

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IndexReader, System.Collections.Concurrent.ConcurrentDictionary<int, bool>> SiteHoldsAll = [];

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
        var key = $"{query.SiteId}|{query.Type}|{query.Topic}|{query.Year}|{query.PartFiltersKey}|{string.Join(' ', terms.Select(t => t.Folded))}";
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
            searcher.Search(Matching(searcher, ParsedQuery.Of(terms), query, together: terms), sample);
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
        bool Finds(ParsedQuery q) => !q.IsEmpty && Count(searcher, Matching(searcher, q, query, together: null)) > 0;

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

        int Together(ParsedQuery q) => Count(searcher, Matching(searcher, q, query, AdjacentTerms(q)));
    }

    private static IEnumerable<string> PopularTopics(IndexSearcher searcher, int siteId, int take)
    {
        var counting = new CountingCollector(types: false, topics: true, years: false, filters: false);
        searcher.Search(new TermQuery(new Term(SiteField, Site(siteId))), counting);
        return counting.Topics.OrderByDescending(t => t.Value).ThenBy(t => t.Key, StringComparer.Ordinal).Take(take).Select(t => t.Key);
    }

    // ---- Counts per filter value ---------------------------------------------------------------

    private static SearchFacetCounts Counts(IndexSearcher searcher, ParsedQuery parsed, SearchQuery query, CountingCollector main)
    {
        // A dimension the visitor filtered on is counted again without its own filter.
        CountingCollector Without(string except, bool types = false, bool topics = false, bool years = false, bool filters = false)
        {
            var c = new CountingCollector(types, topics, years, filters);
            searcher.Search(parsed.IsEmpty
                ? Filtered(searcher, new MatchAllDocsQuery(), query, except)
                : Matching(searcher, parsed, query, together: null, inTitle: false, except), c);
            return c;
        }
        var types = query.HasType ? Without(ExceptType, types: true).Types : main.Types;
        var topics = query.HasTopic ? Without(ExceptTopic, topics: true).Topics : main.Topics;
        var years = query.Year is not null ? Without(ExceptYear, years: true).Years : main.Years;
        // A type's part filters are counted only within that type (another type's "loai" means something else).
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> filters = new Dictionary<string, IReadOnlyDictionary<string, int>>();
        if (query.HasType)
        {
            var all = main.Filters.ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);
            foreach (var chosen in query.PartFilters.Keys)
            {
                all[chosen] = Without(chosen, filters: true).Filters.GetValueOrDefault(chosen) ?? new Dictionary<string, int>();
            }
            filters = all;
        }
        return new SearchFacetCounts(types, topics, years) { Filters = filters };
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
        state.ProcessLock?.Dispose();
    }
}

/// <summary>
/// Counts matches per type, topic, year and part filter value from the documents' doc values, in the
/// same pass as the ranking.
/// </summary>
internal sealed class CountingCollector(bool types, bool topics, bool years, bool filters) : ICollector
{
    private SortedDocValues? _type;
    private SortedSetDocValues? _topic;
    private SortedSetDocValues? _filter;
    private NumericDocValues? _year;
    private IBits? _hasYear;
    private int[] _typeCounts = [];
    private int[] _topicCounts = [];
    private int[] _filterCounts = [];

    private readonly Dictionary<string, int> _types = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _topics = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _filterTerms = new(StringComparer.Ordinal);

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

    /// <summary>Matches per part filter and value.</summary>
    public Dictionary<string, IReadOnlyDictionary<string, int>> Filters
    {
        get
        {
            Flush();
            return _filterTerms
                .Select(t => (Term: t, At: t.Key.IndexOf(LuceneSearchIndex.FilterSeparator)))
                .Where(x => x.At > 0)
                .GroupBy(x => x.Term.Key[..x.At], StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => (IReadOnlyDictionary<string, int>)g.ToDictionary(x => x.Term.Key[(x.At + 1)..], x => x.Term.Value, StringComparer.Ordinal),
                    StringComparer.Ordinal);
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
        _filter = filters ? reader.GetSortedSetDocValues(LuceneSearchIndex.FilterField) : null;
        _year = years ? reader.GetNumericDocValues(LuceneSearchIndex.YearField) : null;
        _hasYear = years ? reader.GetDocsWithField(LuceneSearchIndex.YearField) : null;
        _typeCounts = _type is null ? [] : new int[_type.ValueCount];
        _topicCounts = _topic is null ? [] : new int[_topic.ValueCount];
        _filterCounts = _filter is null ? [] : new int[_filter.ValueCount];
    }

    public void Collect(int doc)
    {
        if (_type is not null && _type.GetOrd(doc) is var ord and >= 0)
        {
            _typeCounts[ord]++;
        }
        Count(_topic, _topicCounts, doc);
        Count(_filter, _filterCounts, doc);
        if (_year is not null && _hasYear is not null && _hasYear.Get(doc))
        {
            var y = (int)_year.Get(doc);
            Years[y] = Years.GetValueOrDefault(y) + 1;
        }
    }

    private static void Count(SortedSetDocValues? values, int[] counts, int doc)
    {
        if (values is null)
        {
            return;
        }
        values.SetDocument(doc);
        for (var o = values.NextOrd(); o != SortedSetDocValues.NO_MORE_ORDS; o = values.NextOrd())
        {
            counts[o]++;
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
        Flush(_topic, _topicCounts, _topics, bytes);
        Flush(_filter, _filterCounts, _filterTerms, bytes);
        _typeCounts = [];
        _topicCounts = [];
        _filterCounts = [];
    }

    private static void Flush(SortedSetDocValues? values, int[] counts, Dictionary<string, int> into, BytesRef bytes)
    {
        for (var o = 0; o < counts.Length; o++)
        {
            if (counts[o] > 0)
            {
                values!.LookupOrd(o, bytes);
                var name = bytes.Utf8ToString();
                into[name] = into.GetValueOrDefault(name) + counts[o];
            }
        }
    }
}

/// <summary>Passes on every document but those already collected (by a tier above, see <c>FirstPass</c>).</summary>
internal sealed class ExceptCollector(ICollector inner, HashSet<int> except) : ICollector
{
    private int _docBase;

    public bool AcceptsDocsOutOfOrder => inner.AcceptsDocsOutOfOrder;

    public void SetScorer(Scorer scorer) => inner.SetScorer(scorer);

    public void SetNextReader(AtomicReaderContext context)
    {
        _docBase = context.DocBase;
        inner.SetNextReader(context);
    }

    public void Collect(int doc)
    {
        if (!except.Contains(_docBase + doc))
        {
            inner.Collect(doc);
        }
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
