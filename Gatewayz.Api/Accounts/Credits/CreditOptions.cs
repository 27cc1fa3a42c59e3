namespace Gatewayz.Api.Accounts.Credits;

/// <summary>
/// <c>Gatewayz:Credits</c>: where and how the debits on their way to the ledger are journaled, so that a
/// crash or a stop while Postgres is unreachable loses none of them. They matter only with
/// <c>ConnectionStrings:gatewayz</c> set.
/// </summary>
public sealed class CreditOptions
{
    public const string SectionName = "Gatewayz:Credits";

    /// <summary>
    /// The folder of the debit journal. Each account database gets a subfolder of its own (named after its
    /// host, port and database), shared by every replica on this machine: each writes files it holds an
    /// exclusive lock on, and any of them replays the files a crashed one left. Empty: the folder
    /// <c>gatewayz/credit-journal</c> under the user's local application data (<c>~/.local/share</c>).
    /// </summary>
    public string? JournalDirectory { get; set; }

    /// <summary>
    /// How often, in milliseconds, the journal is flushed to disk (fsync), for all the debits appended since.
    /// Every debit reaches the operating system before its request ends, so a crash of the process loses
    /// nothing; this bounds what a crash of the machine can lose. 0 flushes after every debit.
    /// </summary>
    public int JournalSyncMilliseconds { get; set; } = 100;

    /// <summary>Size in bytes at which a journal file is closed and a new one begun; a closed file is deleted once all its debits are in the ledger.</summary>
    public long JournalSegmentBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>
    /// How long, in seconds, a stopping gateway keeps trying to write its queued debits. What is not written by
    /// then stays in the journal and is written by the next gateway to start on it.
    /// </summary>
    public int ShutdownDrainSeconds { get; set; } = 10;
}
