using System.Globalization;
using Gatewayz.Api.Errors;

namespace Gatewayz.Api.Accounts.Admin;

/// <summary>
/// What the admin API accepts in each body field, checked before anything is stored. Each method returns the
/// value to store (trimmed or defaulted where said) or throws a <see cref="GatewayException"/> with a 400 whose
/// <c>param</c> names the field. Lengths count UTF-16 code units, as .NET and JSON escapes do (a character outside
/// the Basic Multilingual Plane, such as most emoji, counts as two).
/// </summary>
public static class AdminFieldRules
{
    /// <summary>
    /// The largest admin request body, in bytes. The longest valid body is well under 2 KB; the gateway's own limit
    /// (<c>Gatewayz:MaxRequestBodyBytes</c>) is sized for chat requests, and a body meant to be refused anyway
    /// should not be read into memory first.
    /// </summary>
    public const int MaxBodyBytes = 64 * 1024;

    /// <summary>The longest email address: RFC 5321's limit on a forward path (256 octets) less its angle brackets.</summary>
    public const int MaxEmailLength = 254;

    /// <summary>The longest part of an email address before the <c>@</c> (RFC 5321).</summary>
    public const int MaxEmailLocalPartLength = 64;

    /// <summary>The longest domain label of an email address (RFC 1035).</summary>
    public const int MaxDomainLabelLength = 63;

    /// <summary>The longest user or API key name: room for a full name or a description, short enough for a table cell or a log line.</summary>
    public const int MaxNameLength = 200;

    /// <summary>The longest reason of a credit grant: a sentence or a ticket reference, kept on every ledger row.</summary>
    public const int MaxReasonLength = 500;

    /// <summary>The reason recorded for a grant that gives none.</summary>
    public const string DefaultReason = "admin_grant";

    /// <summary>Total digits of <c>credit_ledger.amount</c> and <c>credit_balances.balance</c>, both <c>numeric(20, 8)</c>.</summary>
    public const int CreditPrecision = 20;

    /// <summary>Decimal places of <c>credit_ledger.amount</c> and <c>credit_balances.balance</c>: credits are stored to 0.00000001 US dollars.</summary>
    public const int CreditScale = 8;

    /// <summary>
    /// The largest grant or correction either way, in credits (US dollars): far beyond any real top-up, and a
    /// thousandth of what the balance column holds, so one mistyped amount cannot fill it.
    /// </summary>
    public const decimal MaxGrant = 1_000_000_000m;

    /// <summary>The largest balance either way that <c>numeric(20, 8)</c> holds: 12 digits before the point and 8 after.</summary>
    public const decimal MaxBalance = 999_999_999_999.99999999m;

    /// <summary>Days a trial runs when the request gives none.</summary>
    public const int DefaultTrialDays = 14;

    /// <summary>The longest trial, in days.</summary>
    public const int MaxTrialDays = 365;

    /// <summary>The subscription statuses the <c>subscriptions</c> table's check constraint allows.</summary>
    public static readonly IReadOnlyList<string> SubscriptionStatuses = ["active", "cancelled"];

    /// <summary>
    /// A user's email address, trimmed: at most <see cref="MaxEmailLength"/> characters, <c>local@domain</c> with
    /// exactly one <c>@</c>. The local part (at most <see cref="MaxEmailLocalPartLength"/>) has no spaces, no
    /// control characters and none of <c>"(),:;&lt;&gt;[\]</c> (RFC 5322 allows them only quoted, which no real
    /// mailbox needs) and no leading, trailing or doubled dot. The domain is one or more dot-separated labels
    /// of letters, digits and hyphens (any script), each 1 to <see cref="MaxDomainLabelLength"/> long and not
    /// starting or ending with a hyphen; a dot-free domain (<c>ops@localhost</c>) is allowed.
    /// </summary>
    public static string Email(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            throw new GatewayException(GatewayError.MissingField("email"));
        var email = Text("email", value.Trim(), MaxEmailLength);
        if (email.Any(char.IsWhiteSpace))
            throw Invalid("email", "an address without spaces.");
        // Invisible characters (a zero-width space, a joiner) would make look-alike addresses of one mailbox.
        if (email.FirstOrDefault(c => char.GetUnicodeCategory(c) == UnicodeCategory.Format) is var invisible and not '\0')
            throw Invalid("email", $"an address without invisible formatting characters (found U+{(int)invisible:X4}).");
        var at = email.IndexOf('@');
        if (at < 0 || at != email.LastIndexOf('@'))
            throw Invalid("email", "an address of the form local@domain, with one '@'.");
        if (!IsLocalPart(email.AsSpan(0, at)))
            throw Invalid("email", $"the part before '@' must be 1 to {MaxEmailLocalPartLength} characters without quotes, brackets, "
                + "'(),:;\\' or a leading, trailing or doubled dot.");
        if (!IsDomain(email.AsSpan(at + 1)))
            throw Invalid("email", $"the part after '@' must be dot-separated labels of letters, digits and hyphens, each 1 to {MaxDomainLabelLength} "
                + "characters and not starting or ending with a hyphen.");
        // Mail systems treat addresses case-insensitively in practice: ALICE@Example.com is alice@example.com, one user.
        return email.ToLowerInvariant();
    }

    /// <summary>A user's display name, trimmed; optional (empty when absent), at most <see cref="MaxNameLength"/> characters of text.</summary>
    public static string UserName(string? value) => Text("name", value?.Trim() ?? "", MaxNameLength);

    /// <summary>An API key's name, trimmed: required, at most <see cref="MaxNameLength"/> characters of text.</summary>
    public static string KeyName(string? value) =>
        string.IsNullOrWhiteSpace(value) ? throw new GatewayException(GatewayError.MissingField("name")) : Text("name", value.Trim(), MaxNameLength);

    /// <summary>
    /// A grant's amount in credits (US dollars; negative corrects a balance down): required, not zero, at most
    /// <see cref="MaxGrant"/> either way, with at most <see cref="CreditScale"/> decimal places, since the ledger
    /// would round a finer amount (0.000000001 would be stored as 0). Trailing zeros past the last place are not
    /// places: <c>1.0000000000</c> is 1.
    /// </summary>
    public static decimal Amount(decimal? value)
    {
        if (value is not { } amount)
            throw new GatewayException(GatewayError.MissingField("amount"));
        if (amount == 0)
            throw Invalid("amount", "a non-zero number of credits (US dollars) is required.");
        if (Math.Abs(amount) > MaxGrant)
            throw Invalid("amount", $"at most {MaxGrant.ToString("N0", CultureInfo.InvariantCulture)} credits (US dollars) either way in one grant.");
        if (decimal.Round(amount, CreditScale) != amount)
            throw Invalid("amount", $"at most {CreditScale} decimal places (credits are stored to 0.00000001).");
        return amount;
    }

    /// <summary>A grant's reason, as given (<see cref="DefaultReason"/> when absent): at most <see cref="MaxReasonLength"/> characters of text.</summary>
    public static string Reason(string? value) => Text("reason", value ?? DefaultReason, MaxReasonLength);

    /// <summary>The 400 for a grant that would take the user's balance past ±<see cref="MaxBalance"/>; nothing is stored.</summary>
    public static GatewayException BalanceOutOfRange() =>
        Invalid("amount", $"the user's balance would pass {MaxBalance.ToString("N8", CultureInfo.InvariantCulture)} credits either way, the most it can hold.");

    /// <summary>A trial's length in days: 1 to <see cref="MaxTrialDays"/>, <see cref="DefaultTrialDays"/> when absent.</summary>
    public static int TrialDays(int? value)
    {
        var days = value ?? DefaultTrialDays;
        return days is >= 1 and <= MaxTrialDays ? days : throw Invalid("days", $"between 1 and {MaxTrialDays}.");
    }

    /// <summary>A subscription tier: one of the <c>plans</c> table's tiers, exactly (which also keeps out any other text).</summary>
    public static string Tier(string? value, IReadOnlySet<string> tiers) =>
        value is not null && tiers.Contains(value) ? value : throw Invalid("tier", $"one of {string.Join(", ", tiers.Order(StringComparer.Ordinal))}.");

    /// <summary>A subscription status: one of <see cref="SubscriptionStatuses"/>, <c>active</c> when absent.</summary>
    public static string Status(string? value)
    {
        var status = value ?? SubscriptionStatuses[0];
        return SubscriptionStatuses.Contains(status) ? status : throw Invalid("status", $"{string.Join(" or ", SubscriptionStatuses)}.");
    }

    /// <summary>
    /// <paramref name="value"/> if it is at most <paramref name="maxLength"/> long and text: no control characters
    /// (C0, DEL, C1: Postgres refuses NUL outright, and the others break logs and terminals), no line or paragraph
    /// separators (U+2028, U+2029), no unpaired surrogate (half a character, which no encoding can store), no
    /// bidirectional controls, zero-width space or byte-order mark (which make a name display as something else:
    /// <c>x\u202Egnp.exe</c> shows as <c>xexe.png</c>) and no noncharacter (U+FFFE, U+FFFF, U+FDD0–U+FDEF). Zero-width
    /// joiners stay: scripts and emoji sequences need them.
    /// </summary>
    private static string Text(string field, string value, int maxLength)
    {
        if (value.Length > maxLength)
            throw Invalid(field, $"at most {maxLength} characters.");
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
                continue;
            }
            if (char.GetUnicodeCategory(value[i]) is UnicodeCategory.Control or UnicodeCategory.Surrogate
                or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator || IsDisguise(value[i]))
                throw Invalid(field, $"text without control characters, line separators, unpaired surrogates, bidirectional controls, "
                    + $"zero-width spaces or noncharacters (found U+{(int)value[i]:X4} at {i}).");
        }
        return value;
    }

    private static bool IsDisguise(char c) =>
        c is '\u200B' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') or '\uFEFF'
            or (>= '\uFDD0' and <= '\uFDEF') or '\uFFFE' or '\uFFFF';

    private static bool IsLocalPart(ReadOnlySpan<char> local) =>
        local.Length is > 0 and <= MaxEmailLocalPartLength
        && local[0] != '.' && local[^1] != '.' && !local.Contains("..", StringComparison.Ordinal)
        && !local.ContainsAny("\"(),:;<>[\\]");

    private static bool IsDomain(ReadOnlySpan<char> domain)
    {
        if (domain.IsEmpty)
            return false;
        foreach (var range in domain.Split('.'))
        {
            var label = domain[range];
            if (label.Length is 0 or > MaxDomainLabelLength || label[0] == '-' || label[^1] == '-')
                return false;
            foreach (var c in label)
                if (!char.IsLetterOrDigit(c) && c != '-')
                    return false;
        }
        return true;
    }

    private static GatewayException Invalid(string field, string expectation) => new(GatewayError.InvalidValue(field, expectation));
}
