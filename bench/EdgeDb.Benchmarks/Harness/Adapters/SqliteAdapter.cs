using Microsoft.Data.Sqlite;

namespace EdgeDb.Benchmarks.Harness.Adapters;

/// <summary>
/// SQLite (Microsoft.Data.Sqlite, its bundled e_sqlite3): one <c>WITHOUT ROWID</c> table of blob keys and values,
/// WAL journal, prepared statements, autocommit so each write is one transaction. Flushed maps to
/// <c>synchronous=NORMAL</c> (in WAL mode a commit writes the WAL to the OS, fsync only at checkpoints), Synced to
/// <c>synchronous=FULL</c> (fsync of the WAL per commit). A connection is not thread-safe, so each thread gets its own.
/// </summary>
internal sealed class SqliteAdapter : IStoreAdapter
{
    private readonly string _connectionString;
    private readonly string _synchronous;
    private readonly ThreadLocal<Session> _session;
    private readonly List<Session> _sessions = [];

    public SqliteAdapter(string directory, DurabilityClass durability)
    {
        if (durability == DurabilityClass.Buffered)
        {
            throw new NotSupportedException("SQLite has no buffered commit; compare it at Flushed (synchronous=NORMAL).");
        }

        Directory.CreateDirectory(directory);
        _synchronous = durability == DurabilityClass.Synced ? "FULL" : "NORMAL";
        DurabilityLabel = $"WAL, synchronous={_synchronous}";
        // Writers wait on each other's lock rather than fail: busy timeout as long as a run may take.
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(directory, "kv.db"),
            Pooling = false,
            DefaultTimeout = 600,
        }.ToString();
        _session = new ThreadLocal<Session>(CreateSession);
        _ = _session.Value; // creates the schema on this thread
    }

    public string DurabilityLabel { get; }

    public void Put(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        var s = _session.Value!;
        s.PutKey.Value = Session.Reuse(ref s.KeyBuffer, key);
        s.PutValue.Value = Session.Reuse(ref s.ValueBuffer, value);
        s.Put.ExecuteNonQuery();
    }

    public bool TryGet(ReadOnlySpan<byte> key, out int valueLength)
    {
        var s = _session.Value!;
        s.GetKey.Value = Session.Reuse(ref s.KeyBuffer, key);
        using var reader = s.Get.ExecuteReader();
        if (!reader.Read())
        {
            valueLength = 0;
            return false;
        }

        valueLength = reader.GetFieldValue<byte[]>(0).Length;
        return true;
    }

    public void Delete(ReadOnlySpan<byte> key)
    {
        var s = _session.Value!;
        s.DeleteKey.Value = Session.Reuse(ref s.KeyBuffer, key);
        s.Delete.ExecuteNonQuery();
    }

    public int Scan(ReadOnlySpan<byte> start, int count)
    {
        var s = _session.Value!;
        s.ScanStart.Value = start.ToArray();
        s.ScanLimit.Value = count;
        using var reader = s.Scan.ExecuteReader();
        var read = 0;
        while (reader.Read())
        {
            if (reader.GetFieldValue<byte[]>(0).Length + reader.GetFieldValue<byte[]>(1).Length == 0)
            {
                throw new InvalidOperationException("empty entry");
            }

            read++;
        }

        return read;
    }

    // SQLite has no background work: it checkpoints the WAL inline (every 1,000 pages by default).
    public void Settle()
    {
    }

    public void Dispose()
    {
        lock (_sessions)
        {
            foreach (var session in _sessions)
            {
                session.Dispose();
            }
        }

        _session.Dispose();
    }

    private Session CreateSession()
    {
        var session = new Session(_connectionString, _synchronous);
        lock (_sessions)
        {
            _sessions.Add(session);
        }

        return session;
    }

    private sealed class Session : IDisposable
    {
        private readonly SqliteConnection _connection;
        public byte[] KeyBuffer = [];
        public byte[] ValueBuffer = [];

        public Session(string connectionString, string synchronous)
        {
            _connection = new SqliteConnection(connectionString);
            _connection.Open();
            Execute("PRAGMA journal_mode=WAL;");
            Execute($"PRAGMA synchronous={synchronous};");
            Execute("PRAGMA busy_timeout=600000;");
            Execute("CREATE TABLE IF NOT EXISTS kv (k BLOB PRIMARY KEY, v BLOB NOT NULL) WITHOUT ROWID;");
            Put = Prepare("INSERT OR REPLACE INTO kv (k, v) VALUES ($k, $v);", out PutKey, out PutValue);
            Get = Prepare("SELECT v FROM kv WHERE k = $k;", out GetKey, out _);
            Delete = Prepare("DELETE FROM kv WHERE k = $k;", out DeleteKey, out _);
            Scan = Prepare("SELECT k, v FROM kv WHERE k >= $k ORDER BY k LIMIT $v;", out ScanStart, out ScanLimit);
        }

        public SqliteCommand Put { get; }
        public SqliteCommand Get { get; }
        public SqliteCommand Delete { get; }
        public SqliteCommand Scan { get; }
        public readonly SqliteParameter PutKey, PutValue, GetKey, DeleteKey, ScanStart, ScanLimit;

        // Parameters are bound at execution, so an array per session is reused whenever the length matches.
        public static byte[] Reuse(ref byte[] buffer, ReadOnlySpan<byte> bytes)
        {
            if (buffer.Length != bytes.Length)
            {
                buffer = new byte[bytes.Length];
            }

            bytes.CopyTo(buffer);
            return buffer;
        }

        private SqliteCommand Prepare(string sql, out SqliteParameter first, out SqliteParameter second)
        {
            var command = _connection.CreateCommand();
            command.CommandText = sql;
            first = command.Parameters.Add("$k", SqliteType.Blob);
            second = sql.Contains("$v", StringComparison.Ordinal) ? command.Parameters.Add("$v", sql.Contains("LIMIT", StringComparison.Ordinal) ? SqliteType.Integer : SqliteType.Blob) : first;
            command.Prepare();
            return command;
        }

        private void Execute(string sql)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }

        public void Dispose()
        {
            Put.Dispose();
            Get.Dispose();
            Delete.Dispose();
            Scan.Dispose();
            _connection.Dispose();
        }
    }
}
