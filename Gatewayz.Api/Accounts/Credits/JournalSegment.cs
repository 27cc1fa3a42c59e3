using Microsoft.Win32.SafeHandles;

namespace Gatewayz.Api.Accounts.Credits;

/// <summary>
/// One file of the debit journal, held open by this process with an exclusive lock (so no other gateway
/// replays it) until every debit in it has been written to the ledger, then deleted. Its state is read and
/// changed only by <see cref="DebitJournal"/>, under the journal's lock.
/// </summary>
public sealed class JournalSegment
{
    internal JournalSegment(string path, SafeFileHandle handle, long length, int outstanding, bool isSealed)
    {
        Path = path;
        Handle = handle;
        Length = length;
        Outstanding = outstanding;
        Sealed = isSealed;
    }

    /// <summary>The file's full path.</summary>
    public string Path { get; }

    internal SafeFileHandle Handle { get; }

    /// <summary>Bytes written so far: where the next debit goes.</summary>
    internal long Length { get; set; }

    /// <summary>Debits in the file that are not yet in the ledger.</summary>
    internal int Outstanding { get; set; }

    /// <summary>No more debits go into the file: it is deleted when <see cref="Outstanding"/> reaches zero.</summary>
    internal bool Sealed { get; set; }

    /// <summary>Appended to since the last flush to disk.</summary>
    internal bool Dirty { get; set; }
}
