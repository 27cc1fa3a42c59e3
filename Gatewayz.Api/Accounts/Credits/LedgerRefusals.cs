using Npgsql;

namespace Gatewayz.Api.Accounts.Credits;

/// <summary>
/// Which Postgres errors on a debit no retry can fix. Data exceptions (SQLSTATE class 22, such as
/// <c>22003</c> numeric field overflow when a balance sits at its column's limit) and integrity constraint
/// violations (class 23) fail the same way every time; everything else — no connection, a timeout, the
/// server shutting down, a lock, a serialization failure, a missing table before a migration — may pass later.
/// </summary>
public static class LedgerRefusals
{
    /// <summary>The ledger's unique request id, which makes writing a debit a second time a no-op.</summary>
    public const string IdempotencyConstraint = "credit_ledger_request";

    /// <summary>The <c>reason</c> label of <c>gatewayz_credit_debits_dead_lettered_total</c>.</summary>
    public const string DataException = "data_exception";

    /// <summary>The <c>reason</c> label of <c>gatewayz_credit_debits_dead_lettered_total</c>.</summary>
    public const string ConstraintViolation = "constraint_violation";

    public static bool IsPermanent(PostgresException exception) =>
        exception.SqlState.StartsWith("22", StringComparison.Ordinal) || exception.SqlState.StartsWith("23", StringComparison.Ordinal);

    /// <summary>
    /// A unique violation of the request id: the debit is already in the ledger, so for a single debit this
    /// means written, not refused. (The insert says <c>on conflict do nothing</c>, so Postgres should never say it.)
    /// </summary>
    public static bool IsAlreadyWritten(PostgresException exception) =>
        exception.SqlState == PostgresErrorCodes.UniqueViolation && exception.ConstraintName == IdempotencyConstraint;

    /// <summary><see cref="DataException"/> or <see cref="ConstraintViolation"/>, for a permanent refusal.</summary>
    public static string Reason(PostgresException exception) =>
        exception.SqlState.StartsWith("22", StringComparison.Ordinal) ? DataException : ConstraintViolation;
}
