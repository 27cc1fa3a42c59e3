namespace Gatewayz.Api.RateLimiting;

public static class LimitTypes
{
    public const int Count = 4;

    private static readonly string[] Labels = ["key_requests", "key_tokens", "user_requests", "user_tokens"];

    /// <summary>
    /// The <c>limit_type</c> of the per-address budget of failed authentications: not a <see cref="LimitType"/>, which
    /// are the budgets of an authenticated key and its user.
    /// </summary>
    public const string FailedAuthLabel = "failed_auth";

    public static string LabelOf(LimitType type) => Labels[(int)type];

    public static bool IsTokens(LimitType type) => type is LimitType.KeyTokens or LimitType.UserTokens;

    public static bool IsPerKey(LimitType type) => type is LimitType.KeyRequests or LimitType.KeyTokens;
}
