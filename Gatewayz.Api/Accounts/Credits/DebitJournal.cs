using System.Security.Cryptography;
using System.Text;
using Gatewayz.Data;
using Microsoft.Extensions.Options;
using Microsoft.Win32.SafeHandles;
using Npgsql;

namespace Gatewayz.Api.Accounts.Credits;

/// <summary>
/// The local, append-only journal of the debits this replica has taken but not yet written to the ledger,
/// so that a crash, a <c>kill -9</c> or a stop while Postgres is unreachable loses none of them. Each debit
/// is appended (one <c>write</c>, <see cref="DebitJournalLine"/>) before its request ends, which survives
/// the process; flushes to disk are batched (<see cref="CreditOptions.JournalSyncMilliseconds"/>), which
/// bounds what a crash of the machine can lose. Files are held with an exclusive lock while this process
/// uses them and deleted once every debit in them is in the ledger. At start-up, every file in the folder
/// that no running gateway holds is replayed: the ledger's unique request id makes a debit that was already
/// written before the crash a no-op, so each debit lands exactly once. When the disk fails, debits go on in
/// memory only (the gateway degrades, it never fails a request for it) and the failure is logged.
/// </summary>
public sealed class DebitJournal : IDisposable
{
    private const string Extension = ".journal";
    private static readonly TimeSpan ReopenDelay = TimeSpan.FromSeconds(1);

    private readonly object _gate = new();
    private readonly List<JournalSegment> _held = [];
    private readonly CreditOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<DebitJournal> _logger;
    private JournalSegment? _active;
    private DateTimeOffset _reopenAt;
    private int _unjournaled;
    private bool _closed;

    public DebitJournal(IOptions<CreditOptions> options, GatewayzDatabase database, TimeProvider time, ILogger<DebitJournal> logger)
    {
        _options = options.Value;
        _time = time;
        _logger = logger;
        Directory = DirectoryFor(_options.JournalDirectory, database.ConnectionString);
    }

    /// <summary>The folder of this account database's journal files (<see cref="DirectoryFor"/>).</summary>
    public string Directory { get; }

    /// <summary>Debits taken but not yet written that are in a journal file this process holds.</summary>
    public int Outstanding
    {
        get { lock (_gate) return _held.Sum(segment => segment.Outstanding); }
    }

    /// <summary>Debits taken but not yet written that the journal could not take (its disk failed): memory is all they have.</summary>
    public int Unjournaled => Volatile.Read(ref _unjournaled);

    /// <summary>
    /// The journal folder of one account database: <paramref name="configured"/> (or the default under the
    /// user's local application data) and a subfolder named after the database's host, port and name, so a
    /// gateway only ever replays debits taken for the database it writes to.
    /// </summary>
    public static string DirectoryFor(string? configured, string connectionString)
    {
        var root = string.IsNullOrWhiteSpace(configured) ? DefaultRoot() : configured;
        var connection = new NpgsqlConnectionStringBuilder(connectionString);
        var identity = $"{connection.Host}:{connection.Port}/{connection.Database ?? connection.Username}".ToLowerInvariant();
        return Path.Combine(root, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)))[..16]);
    }

    private static string DefaultRoot()
    {
        var data = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
        return Path.Combine(string.IsNullOrEmpty(data) ? Path.GetTempPath() : data, "gatewayz", "credit-journal");
    }

    /// <summary>
    /// Takes every journal file in the folder that no running gateway holds — left by a crash or a stop of
    /// this or another replica — and returns its debits, each still to be written. The files stay held
    /// until their debits are <see cref="Resolve">resolved</see>.
    /// </summary>
    public IReadOnlyList<QueuedDebit> Recover()
    {
        var recovered = new List<QueuedDebit>();
        if (!System.IO.Directory.Exists(Directory)) return recovered;
        var (files, skipped) = (0, 0);
        lock (_gate)
        {
            foreach (var path in System.IO.Directory.EnumerateFiles(Directory, "*" + Extension))
            {
                if (_held.Any(segment => segment.Path == path)) continue;
                var segment = TryAdopt(path, recovered, ref skipped);
                if (segment is null) continue;
                files++;
                if (segment.Outstanding == 0) Delete(segment);
            }
        }
        if (recovered.Count > 0 || skipped > 0)
            _logger.LogWarning("Replaying {Count} credit debit(s) from {Files} journal file(s) in {Directory} ({Skipped} unreadable line(s) skipped)",
                recovered.Count, files, Directory, skipped);
        return recovered;
    }

    /// <summary>
    /// Appends <paramref name="debit"/> and returns the file that now holds it, or null when it could not be
    /// journaled (the disk failed, or the journal is closed) and lives in memory only. Never throws.
    /// </summary>
    public JournalSegment? Append(Debit debit)
    {
        var line = DebitJournalLine.Format(debit);
        lock (_gate)
        {
            var segment = _closed ? null : _active is { } active && active.Length < _options.JournalSegmentBytes ? active : Roll();
            if (segment is null)
            {
                _unjournaled++;
                return null;
            }
            try
            {
                RandomAccess.Write(segment.Handle, line, segment.Length);
                if (_options.JournalSyncMilliseconds == 0) RandomAccess.FlushToDisk(segment.Handle);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // A half-written line is skipped at replay; the file is sealed so nothing is appended after it.
                _logger.LogError("Credit journal {Path} failed, the debit {RequestId} is kept in memory only: {Reason}", segment.Path, debit.RequestId, exception.Message);
                _active = null;
                _reopenAt = _time.GetUtcNow() + ReopenDelay;
                Seal(segment);
                _unjournaled++;
                return null;
            }
            segment.Length += line.Length;
            segment.Outstanding++;
            segment.Dirty = true;
            return segment;
        }
    }

    /// <summary>The debits are in the ledger (or in the dead-letter table): a file none of whose debits is left is deleted.</summary>
    public void Resolve(IEnumerable<QueuedDebit> debits)
    {
        lock (_gate)
        {
            foreach (var debit in debits)
            {
                if (debit.Segment is not { } segment)
                {
                    _unjournaled--;
                    continue;
                }
                segment.Outstanding--;
                if (segment.Sealed && segment.Outstanding == 0 && !_closed) Delete(segment);
            }
        }
    }

    /// <summary>Flushes the debits appended since the last flush to disk (the batched fsync).</summary>
    public void Flush()
    {
        JournalSegment? segment;
        lock (_gate)
        {
            segment = _active;
            if (segment is null || !segment.Dirty) return;
            segment.Dirty = false;
        }
        // Outside the lock: appends go on while the disk catches up. The handle stays open: only Close
        // disposes the active file's handle.
        try
        {
            RandomAccess.FlushToDisk(segment.Handle);
        }
        catch (ObjectDisposedException)
        {
        }
        catch (IOException exception)
        {
            _logger.LogError("Credit journal {Path} could not be flushed to disk: {Reason}", segment.Path, exception.Message);
        }
    }

    /// <summary>
    /// Flushes and releases every file: those with debits left stay for the next gateway to start, the others
    /// are deleted. Later debits are not journaled. Returns how many debits were left in the journal.
    /// </summary>
    public int Close()
    {
        int kept;
        lock (_gate)
        {
            if (_closed) return 0;
            _closed = true;
            _active = null;
            kept = _held.Sum(segment => segment.Outstanding);
            foreach (var segment in _held.ToList())
            {
                if (segment.Outstanding == 0)
                {
                    Delete(segment);
                    continue;
                }
                TryFlush(segment);
                segment.Handle.Dispose();
            }
            _held.Clear();
        }
        try
        {
            // An empty folder is not left behind; one another replica has just written to stays (not empty).
            if (System.IO.Directory.Exists(Directory) && !System.IO.Directory.EnumerateFileSystemEntries(Directory).Any())
                System.IO.Directory.Delete(Directory);
        }
        catch (IOException)
        {
        }
        return kept;
    }

    public void Dispose() => Close();

    private JournalSegment? TryAdopt(string path, List<QueuedDebit> recovered, ref int skipped)
    {
        SafeFileHandle handle;
        try
        {
            handle = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (IOException)
        {
            // Locked: a running gateway (another replica) is using it.
            return null;
        }
        catch (UnauthorizedAccessException exception)
        {
            _logger.LogError("Credit journal {Path} cannot be replayed: {Reason}", path, exception.Message);
            return null;
        }

        var length = RandomAccess.GetLength(handle);
        var segment = new JournalSegment(path, handle, length, outstanding: 0, isSealed: true);
        _held.Add(segment);
        foreach (var line in ReadLines(handle, length))
        {
            if (line.Length == 0) continue;
            if (DebitJournalLine.TryParse(line, out var debit))
            {
                recovered.Add(new QueuedDebit(debit, segment));
                segment.Outstanding++;
            }
            else
            {
                skipped++;
            }
        }
        return segment;
    }

    private static IEnumerable<byte[]> ReadLines(SafeFileHandle handle, long length)
    {
        var buffer = new byte[64 * 1024];
        var line = new MemoryStream();
        for (long offset = 0; offset < length;)
        {
            var read = RandomAccess.Read(handle, buffer, offset);
            if (read == 0) break;
            offset += read;
            var start = 0;
            for (var newLine = Array.IndexOf(buffer, (byte)'\n', 0, read); newLine >= 0; newLine = Array.IndexOf(buffer, (byte)'\n', start, read - start))
            {
                line.Write(buffer, start, newLine - start);
                yield return line.ToArray();
                line.SetLength(0);
                start = newLine + 1;
            }
            line.Write(buffer, start, read - start);
        }
        // A last line without its newline was cut short by a crash; it is parsed like any other and skipped if torn.
        if (line.Length > 0) yield return line.ToArray();
    }

    private JournalSegment? Roll()
    {
        if (_active is { } full)
        {
            _active = null;
            Seal(full);
        }
        if (_time.GetUtcNow() < _reopenAt) return null;
        try
        {
            _active = Create();
            _held.Add(_active);
            return _active;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            _logger.LogError("Credit journal file cannot be created in {Directory}; debits are kept in memory only: {Reason}", Directory, exception.Message);
            _reopenAt = _time.GetUtcNow() + ReopenDelay;
            return null;
        }
    }

    private JournalSegment Create()
    {
        for (var attempt = 1; ; attempt++)
        {
            var path = Path.Combine(Directory, $"{_time.GetUtcNow():yyyyMMddTHHmmss}-{Guid.NewGuid():N}{Extension}");
            try
            {
                System.IO.Directory.CreateDirectory(Directory);
                // FileShare.None takes an exclusive lock on the file (flock on Unix): no other gateway replays it while we hold it.
                return new JournalSegment(path, File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None), 0, 0, isSealed: false);
            }
            catch (IOException) when (attempt < 3)
            {
                // A replica replaying the folder took the new, empty file first, or removed the empty folder: try again.
            }
        }
    }

    private void Seal(JournalSegment segment)
    {
        segment.Sealed = true;
        TryFlush(segment);
        if (segment.Outstanding == 0) Delete(segment);
    }

    private void TryFlush(JournalSegment segment)
    {
        try
        {
            RandomAccess.FlushToDisk(segment.Handle);
        }
        catch (IOException exception)
        {
            _logger.LogError("Credit journal {Path} could not be flushed to disk: {Reason}", segment.Path, exception.Message);
        }
    }

    private void Delete(JournalSegment segment)
    {
        // Deleted while still locked, then released: no other gateway can take it in between.
        try
        {
            File.Delete(segment.Path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            _logger.LogError("Credit journal {Path} could not be deleted; its debits, already written, would be replayed harmlessly: {Reason}", segment.Path, exception.Message);
        }
        segment.Handle.Dispose();
        _held.Remove(segment);
    }
}
