namespace Gatewayz.Api.Chat;

/// <summary>The id, creation time and model name every response and chunk of one answer repeats.</summary>
public sealed record ResponseIdentity(string Id, long Created, string Model)
{
    public static ResponseIdentity Create(string prefix, string model, TimeProvider time) =>
        new(prefix + Guid.NewGuid().ToString("N")[..24], time.GetUtcNow().ToUnixTimeSeconds(), model);
}
