namespace Gatewayz.Api.Accounts.Credits;

/// <summary>A balance read from Postgres, when it stops being trusted, and the commit count it was read at.</summary>
internal readonly record struct StoredBalance(decimal? Balance, DateTimeOffset Expires, long Commits);
