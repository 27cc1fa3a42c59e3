namespace Gatewayz.Api.Chat;

/// <summary>
/// An image given by <see cref="Url"/> (http(s) or a <c>data:</c> URL), or inline as base64
/// <see cref="Data"/> with its <see cref="MediaType"/> (Anthropic's <c>source.type:"base64"</c>).
/// <see cref="Detail"/> is OpenAI's <c>low</c> / <c>high</c> / <c>auto</c>, when given.
/// </summary>
public sealed record ImagePart(string? Url, string? MediaType = null, string? Data = null, string? Detail = null) : ContentPart
{
    public override int TextLength => 0;

    /// <summary>The image as one URL: <see cref="Url"/>, or the inline data as a <c>data:</c> URL (RFC 2397).</summary>
    public string ToUrl() => Url ?? $"data:{MediaType};base64,{Data}";
}
