using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace WardCms.Core.Search;

/// <summary>
/// FTS5's own bm25(), as an auxiliary function (<c>ward_bm25</c>) that takes each phrase's document
/// frequency as an argument instead of counting it. The built-in bm25() counts, on its first row of
/// every query, how many rows of the whole index hold each phrase: a full scan of a common word's
/// doclist (~6 ms per word at 100,000 documents) and, for a phrase, a position check of every
/// document holding its words (~50 ms for "dịch vụ công trực tuyến"). That was nearly all of a
/// search's time; scoring the window's rows themselves costs microseconds. The frequencies come from
/// the fts5vocab table and are remembered for a few minutes (<see cref="DocumentFrequencies"/>).
/// The score is the built-in's formula exactly (k1 = 1.2, b = 0.75, the same column weights, idf
/// floored at 1e-6), negated like the built-in's so that ascending order is best first: given the true
/// frequencies, the scores are bm25()'s (tested). The caller passes exact counts for single words; for
/// a quoted phrase among other words it passes its rarest word's count (an upper bound of the
/// phrase's), and for a word being typed "unknown".
/// </summary>
internal static unsafe class Fts5Bm25
{
    public const string FunctionName = "ward_bm25";

    private const string Library = "e_sqlite3";
    private const double K1 = 1.2;
    private const double B = 0.75;

    // Column order: title_exact, title_folded, summary_exact, summary_folded, body_exact, body_folded, facets.
    private static readonly double[] Weights = [10.0, 10.0, 4.0, 4.0, 1.0, 1.0, 0.0];

    /// <summary>Whether the function can be registered: the process's e_sqlite3 is the one SQLitePCL uses (the bulk reader's check).</summary>
    public static bool Available => Data.BulkRowReader.ReadsSqliteColumnsDirectly;

    private static readonly ConditionalWeakTable<sqlite3, object> Registered = [];
    private static readonly IntPtr ApiPointerType = Marshal.StringToCoTaskMemUTF8("fts5_api_ptr");
    private static readonly IntPtr Name = Marshal.StringToCoTaskMemUTF8(FunctionName);
    private static readonly IntPtr SelectApi = Marshal.StringToCoTaskMemUTF8("SELECT fts5(?1)");

    /// <summary>Registers <c>ward_bm25</c> on the connection's native database once; false when it cannot.</summary>
    public static bool TryRegister(SqliteConnection connection)
    {
        if (!Available || connection.Handle is not { } handle)
        {
            return false;
        }
        if (Registered.TryGetValue(handle, out _))
        {
            return true;
        }
        lock (Registered)
        {
            if (Registered.TryGetValue(handle, out _))
            {
                return true;
            }
            Fts5Api* api = null;
            if (sqlite3_prepare_v2(handle.DangerousGetHandle(), (byte*)SelectApi, -1, out var stmt, IntPtr.Zero) != 0)
            {
                return false;
            }
            try
            {
                if (sqlite3_bind_pointer(stmt, 1, &api, (byte*)ApiPointerType, IntPtr.Zero) != 0 || sqlite3_step(stmt) != 100 /* SQLITE_ROW */)
                {
                    return false;
                }
            }
            finally
            {
                sqlite3_finalize(stmt);
            }
            if (api == null || api->iVersion < 2 || api->xCreateFunction(api, (byte*)Name, null, &Rank, IntPtr.Zero) != 0)
            {
                return false;
            }
            Registered.Add(handle, Registered);
            return true;
        }
    }

    /// <summary>
    /// ward_bm25(search_fts, df0, df1, …): dfN is how many rows hold phrase N. Negative means unknown
    /// (a word still being typed): its idf is the floor, as for a word in most documents, so a prefix
    /// never outweighs the whole words.
    /// </summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Rank(Fts5ExtensionApi* api, IntPtr fts, IntPtr context, int argc, IntPtr* argv)
    {
        long rows = 0, tokens = 0;
        int length = 0, instances = 0;
        if (api->xRowCount(fts, &rows) != 0 || api->xColumnTotalSize(fts, -1, &tokens) != 0
            || api->xColumnSize(fts, -1, &length) != 0 || api->xInstCount(fts, &instances) != 0)
        {
            sqlite3_result_double(context, 0);
            return;
        }
        var phrases = api->xPhraseCount(fts);
        Span<double> frequency = phrases <= 32 ? stackalloc double[phrases] : new double[phrases];
        frequency.Clear();
        for (var i = 0; i < instances; i++)
        {
            int phrase, column, offset;
            if (api->xInst(fts, i, &phrase, &column, &offset) == 0 && (uint)phrase < (uint)phrases)
            {
                frequency[phrase] += (uint)column < (uint)Weights.Length ? Weights[column] : 0;
            }
        }
        var averageLength = rows > 0 && tokens > 0 ? (double)tokens / rows : 1;
        var norm = K1 * (1 - B + B * length / averageLength);
        var score = 0.0;
        for (var p = 0; p < phrases; p++)
        {
            if (frequency[p] <= 0)
            {
                continue;
            }
            var df = p < argc ? sqlite3_value_double(argv[p]) : 0;
            var idf = df < 0 ? 0 : Math.Log((rows - df + 0.5) / (df + 0.5));
            score += Math.Max(idf, 1e-6) * frequency[p] * (K1 + 1) / (frequency[p] + norm);
        }
        sqlite3_result_double(context, -score);
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Fts5Api
    {
        public int iVersion;
        public IntPtr xCreateTokenizer;
        public IntPtr xFindTokenizer;
        public delegate* unmanaged[Cdecl]<Fts5Api*, byte*, void*, delegate* unmanaged[Cdecl]<Fts5ExtensionApi*, IntPtr, IntPtr, int, IntPtr*, void>, IntPtr, int> xCreateFunction;
    }

    // The first members of Fts5ExtensionApi (sqlite3.h), in order; later members are not used.
    [StructLayout(LayoutKind.Sequential)]
    private struct Fts5ExtensionApi
    {
        public int iVersion;
        public IntPtr xUserData;
        public IntPtr xColumnCount;
        public delegate* unmanaged[Cdecl]<IntPtr, long*, int> xRowCount;
        public delegate* unmanaged[Cdecl]<IntPtr, int, long*, int> xColumnTotalSize;
        public IntPtr xTokenize;
        public delegate* unmanaged[Cdecl]<IntPtr, int> xPhraseCount;
        public IntPtr xPhraseSize;
        public delegate* unmanaged[Cdecl]<IntPtr, int*, int> xInstCount;
        public delegate* unmanaged[Cdecl]<IntPtr, int, int*, int*, int*, int> xInst;
        public IntPtr xRowid;
        public IntPtr xColumnText;
        public delegate* unmanaged[Cdecl]<IntPtr, int, int*, int> xColumnSize;
    }

    [DllImport(Library)]
    private static extern int sqlite3_prepare_v2(IntPtr db, byte* sql, int bytes, out IntPtr stmt, IntPtr tail);

    [DllImport(Library)]
    private static extern int sqlite3_bind_pointer(IntPtr stmt, int index, void* pointer, byte* type, IntPtr destructor);

    [DllImport(Library)]
    private static extern int sqlite3_step(IntPtr stmt);

    [DllImport(Library)]
    private static extern int sqlite3_finalize(IntPtr stmt);

    [DllImport(Library), SuppressGCTransition]
    private static extern void sqlite3_result_double(IntPtr context, double value);

    [DllImport(Library), SuppressGCTransition]
    private static extern double sqlite3_value_double(IntPtr value);
}

/// <summary>
/// How many rows of the FTS index hold a word, read from the fts5vocab table (which counts by walking
/// the word's doclist: a few milliseconds for the commonest words) and remembered for ten minutes per
/// native connection (so two databases, in-memory ones included, never share counts). Ranking only
/// needs them roughly: a new document moves a word's count by one.
/// </summary>
internal static class DocumentFrequencies
{
    private const long LifetimeMs = 10 * 60 * 1000;
    private const int MaxEntries = 50_000;

    private static readonly ConditionalWeakTable<sqlite3, ConcurrentDictionary<string, (long Docs, long Expires)>> Caches = [];

    public static async Task<long> GetAsync(SqliteConnection connection, string word, Func<string, string, Task<long>> count)
    {
        var cache = connection.Handle is { } handle ? Caches.GetValue(handle, _ => new(StringComparer.Ordinal)) : null;
        var now = Environment.TickCount64;
        if (cache is not null && cache.TryGetValue(word, out var entry) && entry.Expires > now)
        {
            return entry.Docs;
        }
        var docs = await count("SELECT doc FROM search_fts_vocab WHERE term = @word", word);
        if (cache is not null)
        {
            if (cache.Count >= MaxEntries)
            {
                cache.Clear();
            }
            cache[word] = (docs, now + LifetimeMs);
        }
        return docs;
    }
}
