using System.Text.Json;

namespace Gatewayz.Api.Chat;

/// <summary>
/// A content block of the client's format that has no counterpart among the other parts: Anthropic's
/// <c>document</c> and <c>search_result</c> blocks, its server-tool blocks (<c>server_tool_use</c>,
/// <c>web_search_tool_result</c>, …), an image from its Files API, blocks yet to come. An upstream of the
/// client's format receives it as sent (the client's body is relayed); translating it for another format is
/// a 400 naming its <see cref="Type"/> and path, never a silent drop.
/// </summary>
/// <param name="Type">The block's <c>type</c>, as the client sent it.</param>
/// <param name="Block">The block itself, from the request's document.</param>
/// <param name="Field">The field of the block, relative to it, that makes it untranslatable: named in the 400.</param>
public sealed record OpaquePart(string Type, JsonElement Block, string Field = "type") : ContentPart
{
    /// <summary>The block's JSON text, which is what a token estimate can see of it.</summary>
    public override int TextLength => Block.GetRawText().Length;
}
