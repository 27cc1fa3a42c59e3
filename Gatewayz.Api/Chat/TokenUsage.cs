namespace Gatewayz.Api.Chat;

public readonly record struct TokenUsage(int InputTokens, int OutputTokens)
{
    public int TotalTokens => InputTokens + OutputTokens;
}
