namespace Gatewayz.Api.Accounts.Credits;

/// <summary>
/// A debit on its way to the ledger and the journal file that holds it until it is written; no file when
/// the journal could not take it (its disk failed), and then the debit lives in memory only.
/// </summary>
public readonly record struct QueuedDebit(Debit Debit, JournalSegment? Segment);
