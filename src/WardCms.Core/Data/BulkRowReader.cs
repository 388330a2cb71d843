using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace WardCms.Core.Data;

/// <summary>One row of a <see cref="BulkRowReader"/> query, read by column ordinal.</summary>
public abstract class BulkRow
{
    public abstract bool IsNull(int ordinal);

    public abstract long Int64(int ordinal);

    public int Int32(int ordinal) => checked((int)Int64(ordinal));

    /// <summary>A UTC instant as EF Core stores it for this provider.</summary>
    public abstract DateTime Utc(int ordinal);
}

/// <summary>
/// Reads tens of thousands of narrow rows (ids, small integers, instants) for the plan dashboard.
/// On SQLite it steps the statement through SQLitePCL directly: Microsoft.Data.Sqlite checks
/// the type of every value it hands out, which measured about 0.3 µs per value, three times
/// what stepping the rows costs. Column values are then read straight from e_sqlite3 (the
/// library SQLitePCL has loaded) without a GC transition, as they neither block nor call back;
/// if that library cannot be bound, SQLitePCL's own calls are used. Instants are parsed from
/// the stored text without allocating. Other providers go through their DbDataReader.
/// Parameters are named (@name) in both.
/// </summary>
public static class BulkRowReader
{
    /// <summary>Whether SQLite column values are read straight from e_sqlite3 (else through SQLitePCL).</summary>
    public static bool ReadsSqliteColumnsDirectly => NativeColumns.Available;

    public static async Task ForEachAsync(DbConnection connection, string sql, IReadOnlyList<(string Name, object Value)> parameters, Action<BulkRow> row, CancellationToken ct)
    {
        if (connection is SqliteConnection sqlite)
        {
            ct.ThrowIfCancellationRequested();
            ReadSqlite(sqlite, sql, parameters, row);
            return;
        }
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var p = command.CreateParameter();
            p.ParameterName = name;
            p.Value = value;
            command.Parameters.Add(p);
        }
        await using var reader = await command.ExecuteReaderAsync(ct);
        var current = new DataReaderRow(reader);
        while (await reader.ReadAsync(ct))
            row(current);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ReadSqlite(SqliteConnection connection, string sql, IReadOnlyList<(string Name, object Value)> parameters, Action<BulkRow> row)
    {
        var db = connection.Handle ?? throw new InvalidOperationException("The SQLite connection is not open.");
        Check(db, raw.sqlite3_prepare_v2(db, sql, out var stmt));
        using (stmt)
        {
            foreach (var (name, value) in parameters)
            {
                var index = raw.sqlite3_bind_parameter_index(stmt, name);
                if (index == 0)
                    throw new ArgumentException($"The query has no parameter {name}.", nameof(parameters));
                Check(db, value switch
                {
                    int i => raw.sqlite3_bind_int64(stmt, index, i),
                    long l => raw.sqlite3_bind_int64(stmt, index, l),
                    bool b => raw.sqlite3_bind_int64(stmt, index, b ? 1 : 0),
                    string s => raw.sqlite3_bind_text(stmt, index, s),
                    // The text EF Core's SQLite provider writes, so comparisons match the stored values.
                    DateTime d => raw.sqlite3_bind_text(stmt, index, d.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture)),
                    _ => throw new ArgumentException($"Parameter {name}: type {value?.GetType().Name ?? "null"} is not supported.", nameof(parameters)),
                });
            }
            BulkRow current = NativeColumns.Available ? new NativeStatementRow(stmt.DangerousGetHandle()) : new SqliteStatementRow(stmt);
            int rc;
            while ((rc = raw.sqlite3_step(stmt)) == raw.SQLITE_ROW)
                row(current);
            if (rc != raw.SQLITE_DONE)
                Check(db, rc);
        }
    }

    private static void Check(sqlite3 db, int rc)
    {
        if (rc != raw.SQLITE_OK && rc != raw.SQLITE_DONE && rc != raw.SQLITE_ROW)
            throw new SqliteException(raw.sqlite3_errmsg(db).utf8_to_string(), rc);
    }

    /// <summary>
    /// Reads "yyyy-MM-dd HH:mm:ss" with an optional fraction of up to 7 digits (EF Core's SQLite
    /// format, 'T' also accepted) as UTC, exact to the tick; anything else goes to the general parser.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static DateTime ParseStoredUtc(ReadOnlySpan<byte> s)
    {
        if (s.Length < 19 || s.Length == 20 || s.Length > 27 || s[4] != '-' || s[7] != '-' || (s[10] != ' ' && s[10] != 'T') || s[13] != ':' || s[16] != ':'
            || (s.Length > 19 && s[19] != '.'))
            return ParseSlow(s);
        var year = Digits(s[..4]);
        var month = Digits(s[5..7]);
        var day = Digits(s[8..10]);
        var hour = Digits(s[11..13]);
        var minute = Digits(s[14..16]);
        var second = Digits(s[17..19]);
        var fraction = s.Length > 19 ? Digits(s[20..]) : 0;
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || (uint)hour > 23 || (uint)minute > 59 || (uint)second > 59 || fraction < 0)
            return ParseSlow(s);
        long ticks = fraction;
        for (var n = s.Length - 20; n < 7 && s.Length > 19; n++)
            ticks *= 10;
        return new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).AddTicks(ticks);
    }

    // The decimal value of ASCII digits, or -1 if any byte is not a digit.
    private static int Digits(ReadOnlySpan<byte> s)
    {
        var value = 0;
        foreach (var b in s)
        {
            var d = b - '0';
            if ((uint)d > 9)
                return -1;
            value = value * 10 + d;
        }
        return value;
    }

    private static DateTime ParseSlow(ReadOnlySpan<byte> s) =>
        DateTime.Parse(Encoding.UTF8.GetString(s), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

    private sealed class SqliteStatementRow(sqlite3_stmt stmt) : BulkRow
    {
        public override bool IsNull(int ordinal) => raw.sqlite3_column_type(stmt, ordinal) == raw.SQLITE_NULL;

        public override long Int64(int ordinal) => raw.sqlite3_column_int64(stmt, ordinal);

        // sqlite3_column_blob on a TEXT value hands out its UTF-8 bytes without a copy.
        public override DateTime Utc(int ordinal) => ParseStoredUtc(raw.sqlite3_column_blob(stmt, ordinal));
    }

    // The statement handle stays valid while ReadSqlite holds the SafeHandle it came from.
    private sealed unsafe class NativeStatementRow(IntPtr stmt) : BulkRow
    {
        public override bool IsNull(int ordinal) => NativeColumns.Type(stmt, ordinal) == raw.SQLITE_NULL;

        public override long Int64(int ordinal) => NativeColumns.Int64(stmt, ordinal);

        public override DateTime Utc(int ordinal)
        {
            var bytes = NativeColumns.Blob(stmt, ordinal);
            return ParseStoredUtc(bytes == null ? [] : new ReadOnlySpan<byte>(bytes, NativeColumns.Bytes(stmt, ordinal)));
        }
    }

    private static unsafe class NativeColumns
    {
        private const string Library = "e_sqlite3";

        public static readonly bool Available = Probe();

        [DllImport(Library, EntryPoint = "sqlite3_column_int64"), SuppressGCTransition]
        public static extern long Int64(IntPtr stmt, int column);

        [DllImport(Library, EntryPoint = "sqlite3_column_type"), SuppressGCTransition]
        public static extern int Type(IntPtr stmt, int column);

        [DllImport(Library, EntryPoint = "sqlite3_column_blob"), SuppressGCTransition]
        public static extern byte* Blob(IntPtr stmt, int column);

        [DllImport(Library, EntryPoint = "sqlite3_column_bytes"), SuppressGCTransition]
        public static extern int Bytes(IntPtr stmt, int column);

        [DllImport(Library, EntryPoint = "sqlite3_libversion_number")]
        private static extern int LibVersionNumber();

        // Bound only if it is the very library SQLitePCL uses (same version), else SQLitePCL's calls.
        // Never throws: a type initializer that fails would break every later read.
        private static bool Probe()
        {
            try
            {
                // Microsoft.Data.Sqlite initialises SQLitePCL's provider on first use; this may run before that.
                SQLitePCL.Batteries_V2.Init();
                return LibVersionNumber() == raw.sqlite3_libversion_number();
            }
            catch (Exception)
            {
                return false;
            }
        }
    }

    private sealed class DataReaderRow(DbDataReader reader) : BulkRow
    {
        public override bool IsNull(int ordinal) => reader.IsDBNull(ordinal);

        // Npgsql widens int4 to long.
        public override long Int64(int ordinal) => reader.GetInt64(ordinal);

        public override DateTime Utc(int ordinal) => DateTime.SpecifyKind(reader.GetDateTime(ordinal), DateTimeKind.Utc);
    }
}
