using System.Text;

namespace Gatewayz.Benchmarks;

/// <summary>Realistic payloads of one request: a ~1.5 KB client body and the upstream's answers to it.</summary>
internal static class HotPathSamples
{
    public const string Model = "openai/gpt-4o-mini";

    private const string SystemPrompt =
        "You are a careful assistant for an online bookshop. Answer in the customer's language, keep answers short, " +
        "never invent prices or stock levels, and when you are unsure say so and offer to hand over to a human colleague. " +
        "Use the order history below only to answer questions about that customer's own orders.";

    private const string History =
        "Order 1042: 'The Pragmatic Programmer', shipped 2026-10-02, delivered 2026-10-05. " +
        "Order 1077: 'Designing Data-Intensive Applications', shipped 2026-11-12, in transit, carrier reference DE-5521-7781.";

    public static readonly byte[] OpenAiBody = Encoding.UTF8.GetBytes($$"""
        {"model":"{{Model}}","messages":[
        {"role":"system","content":"{{SystemPrompt}}"},
        {"role":"user","content":"{{History}}"},
        {"role":"assistant","content":"Thanks, I have your order history. How can I help you today?"},
        {"role":"user","content":[{"type":"text","text":"Where is my second order, and when will it arrive? I need it before the 20th for a course I am teaching."}]}
        ],"temperature":0.3,"top_p":0.9,"max_tokens":400,"stream":true,"stream_options":{"include_usage":true},"user":"customer-8812"}
        """);

    public static readonly byte[] AnthropicBody = Encoding.UTF8.GetBytes($$"""
        {"model":"{{Model}}","max_tokens":400,"system":"{{SystemPrompt}}","messages":[
        {"role":"user","content":"{{History}}"},
        {"role":"assistant","content":"Thanks, I have your order history. How can I help you today?"},
        {"role":"user","content":[{"type":"text","text":"Where is my second order, and when will it arrive? I need it before the 20th for a course I am teaching."}]}
        ],"temperature":0.3,"stream":true}
        """);

    public static readonly byte[] UpstreamCompletion = Encoding.UTF8.GetBytes("""
        {"id":"chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG","object":"chat.completion","created":1763900000,"model":"gpt-4o-mini-2024-07-18",
        "choices":[{"index":0,"message":{"role":"assistant","content":"Your second order, 'Designing Data-Intensive Applications', left our warehouse on 12 November and is in transit with carrier reference DE-5521-7781. Deliveries on this route usually take three to five working days, so it should reach you well before the 20th. If it has not arrived by the 18th, reply here and I will hand you over to a colleague who can chase the carrier.","refusal":null,"annotations":[]},"logprobs":null,"finish_reason":"stop"}],
        "usage":{"prompt_tokens":312,"completion_tokens":86,"total_tokens":398,"prompt_tokens_details":{"cached_tokens":0,"audio_tokens":0},"completion_tokens_details":{"reasoning_tokens":0,"audio_tokens":0,"accepted_prediction_tokens":0,"rejected_prediction_tokens":0}},
        "service_tier":"default","system_fingerprint":"fp_b8bc95a0ac"}
        """);

    public const string UpstreamTextChunk =
        """{"id":"chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG","object":"chat.completion.chunk","created":1763900000,"model":"gpt-4o-mini-2024-07-18","service_tier":"default","system_fingerprint":"fp_b8bc95a0ac","choices":[{"index":0,"delta":{"content":" in transit"},"logprobs":null,"finish_reason":null}],"usage":null}""";

    public const string UpstreamUsageChunk =
        """{"id":"chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG","object":"chat.completion.chunk","created":1763900000,"model":"gpt-4o-mini-2024-07-18","service_tier":"default","system_fingerprint":"fp_b8bc95a0ac","choices":[],"usage":{"prompt_tokens":312,"completion_tokens":86,"total_tokens":398,"prompt_tokens_details":{"cached_tokens":0,"audio_tokens":0},"completion_tokens_details":{"reasoning_tokens":0,"audio_tokens":0,"accepted_prediction_tokens":0,"rejected_prediction_tokens":0}}}""";
}
