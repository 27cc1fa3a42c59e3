namespace Gatewayz.Api.Database;

/// <summary>The <c>operation</c> label values of <c>gatewayz_database_*</c>: one per kind of work the gateway asks of Postgres.</summary>
public static class DatabaseOperations
{
    public const string ApiKeyLookup = "api_key_lookup";
    public const string CreditBalanceRead = "credit_balance_read";
    public const string CreditDebitWrite = "credit_debit_write";
    public const string CreditDebitDeadLetter = "credit_debit_dead_letter";
    public const string BusinessCounts = "business_counts";
    public const string AccountAdmin = "account_admin";
    public const string Analytics = "analytics";

    public static IReadOnlyList<string> All { get; } =
        [ApiKeyLookup, CreditBalanceRead, CreditDebitWrite, CreditDebitDeadLetter, BusinessCounts, AccountAdmin, Analytics];
}
