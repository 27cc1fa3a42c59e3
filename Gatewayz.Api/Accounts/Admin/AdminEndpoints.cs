using Gatewayz.Api.Accounts.Credits;
using Gatewayz.Api.Accounts.Keys;
using Gatewayz.Api.Auth;
using Gatewayz.Api.Caching;
using Gatewayz.Api.Errors;
using Gatewayz.Api.Monitoring;
using static Gatewayz.Api.Accounts.Admin.AdminRequests;

namespace Gatewayz.Api.Accounts.Admin;

/// <summary>
/// <c>/admin</c>: users, API keys (the plain key is returned once and never stored), credits,
/// trials and subscriptions. Mapped only when both the account database and an admin token are configured.
/// Every body field is checked by <see cref="AdminFieldRules"/> before anything is stored.
/// </summary>
public static class AdminEndpoints
{
    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        if (app.ServiceProvider.GetService<AccountStore>() is null || !app.ServiceProvider.GetRequiredService<AdminTokenVerifier>().IsConfigured)
            return app;

        var admin = app.MapGroup("/admin").WithTags("Admin").RequireAuthorization(GatewayAuthorization.AdminPolicy);
        AnyContentType.ApplyTo(admin);
        admin.MapPost("/users", CreateUserAsync);
        admin.MapPost("/users/{userId:guid}/api-keys", CreateApiKeyAsync);
        admin.MapDelete("/api-keys/{keyId:guid}", RevokeApiKeyAsync);
        admin.MapPut("/api-keys/{keyId:guid}/roles", SetApiKeyRolesAsync);
        admin.MapPost("/users/{userId:guid}/credits", GrantCreditsAsync);
        admin.MapGet("/users/{userId:guid}/credits", GetBalanceAsync);
        admin.MapPost("/users/{userId:guid}/trial/start", StartTrialAsync);
        admin.MapPost("/users/{userId:guid}/trial/convert", ConvertTrialAsync);
        admin.MapPut("/users/{userId:guid}/subscription", SetSubscriptionAsync);
        // Admin bodies are a few hundred bytes: a larger one is refused (413) before it is read, on every endpoint of the group.
        admin.WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(AdminFieldRules.MaxBodyBytes));
        return app;
    }

    private static async Task<IResult> CreateUserAsync(CreateUser? body, AccountStore store, CancellationToken cancellationToken)
    {
        var email = AdminFieldRules.Email(body?.Email);
        var name = AdminFieldRules.UserName(body?.Name);
        var user = await store.CreateUserAsync(email, name, cancellationToken)
            ?? throw new GatewayException(new GatewayError(StatusCodes.Status409Conflict, "user_exists", "A user with this email already exists.", "email"));
        return Created(user);
    }

    private static async Task<IResult> CreateApiKeyAsync(Guid userId, CreateApiKey? body, AccountStore store, ApiKeyInvalidations invalidations,
        CancellationToken cancellationToken)
    {
        var name = AdminFieldRules.KeyName(body?.Name);
        var key = ApiKeyGenerator.NewKey();
        var hash = ApiKeyHash.Of(key);
        var record = await store.CreateApiKeyAsync(userId, name, Roles(body?.Roles ?? []), hash.Hex, cancellationToken) ?? throw UserNotFound();
        // A replica that answered this key as unknown before it existed must not go on doing so.
        await invalidations.PublishAsync(hash);
        return Created(record with { Key = key });
    }

    private static Task<IResult> RevokeApiKeyAsync(Guid keyId, AccountStore store, ApiKeyInvalidations invalidations, CancellationToken cancellationToken) =>
        ChangeApiKeyAsync(store.RevokeApiKeyAsync(keyId, cancellationToken), invalidations);

    private static Task<IResult> SetApiKeyRolesAsync(Guid keyId, SetApiKeyRoles? body, AccountStore store, ApiKeyInvalidations invalidations,
        CancellationToken cancellationToken) =>
        ChangeApiKeyAsync(store.SetApiKeyRolesAsync(keyId, Roles(body?.Roles ?? throw new GatewayException(GatewayError.MissingField("roles"))), cancellationToken), invalidations);

    /// <summary>Answers a changed key and tells every replica to drop its cached resolution at once.</summary>
    private static async Task<IResult> ChangeApiKeyAsync(Task<(ApiKeyRecord Record, string KeyHash)?> change, ApiKeyInvalidations invalidations)
    {
        var (record, keyHash) = await change
            ?? throw new GatewayException(new GatewayError(StatusCodes.Status404NotFound, "api_key_not_found", "No such API key."));
        await invalidations.PublishAsync(ApiKeyHash.FromHex(keyHash));
        return Ok(record);
    }

    /// <summary>The roles as stored: each one the gateway knows (else a 400 naming <c>roles[i]</c>), once, in order.</summary>
    private static string[] Roles(string[] roles)
    {
        for (var i = 0; i < roles.Length; i++)
        {
            if (!ApiKeyRoles.Assignable.Contains(roles[i]))
                throw new GatewayException(GatewayError.InvalidValue($"roles[{i}]", $"one of {string.Join(", ", ApiKeyRoles.Assignable)}."));
        }
        return [.. roles.Distinct(StringComparer.Ordinal)];
    }

    private static async Task<IResult> GrantCreditsAsync(Guid userId, GrantCredits? body, AccountStore store, CreditBalances balances, CancellationToken cancellationToken)
    {
        var amount = AdminFieldRules.Amount(body?.Amount);
        var reason = AdminFieldRules.Reason(body?.Reason);
        var balance = await store.GrantCreditsAsync(userId, amount, reason, cancellationToken) ?? throw UserNotFound();
        balances.Forget(userId);
        return Ok(balance);
    }

    private static async Task<IResult> GetBalanceAsync(Guid userId, AccountStore store, CancellationToken cancellationToken) =>
        Ok(await store.GetBalanceAsync(userId, cancellationToken) ?? throw UserNotFound());

    private static async Task<IResult> StartTrialAsync(Guid userId, StartTrial? body, AccountStore store, CancellationToken cancellationToken)
    {
        var days = AdminFieldRules.TrialDays(body?.Days);
        return Ok(await store.StartTrialAsync(userId, days, cancellationToken) ?? throw UserNotFound());
    }

    private static async Task<IResult> ConvertTrialAsync(Guid userId, AccountStore store, CancellationToken cancellationToken) =>
        Ok(await store.ConvertTrialAsync(userId, cancellationToken) ?? throw UserNotFound());

    private static async Task<IResult> SetSubscriptionAsync(Guid userId, SetSubscription? body, AccountStore store, CancellationToken cancellationToken)
    {
        var tier = AdminFieldRules.Tier(body?.Tier, await store.ListTiersAsync(cancellationToken));
        var status = AdminFieldRules.Status(body?.Status);
        return Ok(await store.SetSubscriptionAsync(userId, tier, status, cancellationToken) ?? throw UserNotFound());
    }

    private static GatewayException UserNotFound() =>
        new(new GatewayError(StatusCodes.Status404NotFound, "user_not_found", "No such user."));

    private static IResult Ok<T>(T value) => TypedResults.Json(value, MonitoringJson.Options);

    private static IResult Created<T>(T value) =>
        TypedResults.Json(value, MonitoringJson.Options, statusCode: StatusCodes.Status201Created);
}
