namespace Gatewayz.Api.Chat;

/// <summary>
/// Where a content part sits in a <see cref="ChatRequest"/>: the index of its message in
/// <see cref="ChatRequest.Messages"/>, of the part in <see cref="ChatMessage.Parts"/> and, for a part of a
/// <see cref="ToolResultPart"/>'s content, of that part (else <see cref="NotNested"/>). A writer that cannot
/// express a part names it by this, and the request's reader turns it into the client's JSON path.
/// </summary>
public readonly record struct ContentLocation(int Message, int Part, int Nested = ContentLocation.NotNested)
{
    public const int NotNested = -1;
}
