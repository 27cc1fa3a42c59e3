using Gatewayz.Api.Chat;
using Gatewayz.Api.Inference;
using Gatewayz.Api.Providers;
using Gatewayz.Api.Providers.OpenAiCompatible;
using Gatewayz.Api.Wire;

namespace Gatewayz.Api.Images;

/// <summary>
/// Observes an OpenAI-format image answer (<c>{"created":…,"data":[{"url":…}|{"b64_json":…},…]}</c>) straight from the
/// upstream's bytes (<see cref="OpenAiListAnswer"/>): the pictures are counted, never read, so every
/// <c>data[].url</c>, <c>data[].b64_json</c> and <c>revised_prompt</c> reaches the client as the upstream wrote it.
/// </summary>
public static class ImageResponseReader
{
    /// <summary>
    /// The answer kept whole, with its usage: the prompt's estimated tokens and the number of <c>data</c> items as
    /// <see cref="TokenUsage.Images"/>, which the model's per-image price charges. OpenAI's image answers have no
    /// <c>model</c>; one an upstream adds is the gateway's to rewrite, as in any relayed answer, and none is added.
    /// </summary>
    /// <exception cref="UpstreamException">
    /// The failure an <c>error</c> in the answer reports; <see cref="UpstreamFailureKind.InvalidResponse"/> for a body
    /// that is not a JSON object with a <c>data</c> array.
    /// </exception>
    public static OperationAnswer Read(ReadOnlyMemory<byte> json, int estimatedInputTokens, string provider, UpstreamRedactor redactor)
    {
        var (images, _, model, modelValue) = OpenAiListAnswer.Read(json, "data"u8, outputRequired: false, "images", provider, redactor);
        return new OperationAnswer(
            new UpstreamPayload(json, Id: default, modelValue)
            {
                Format = WireFormat.OpenAi,
                // Nothing to add where the upstream wrote no model: the answer stays byte for byte the upstream's.
                IdentityObject = model is null ? -1 : 0,
            },
            new TokenUsage(estimatedInputTokens, 0) { Images = images },
            model);
    }
}
