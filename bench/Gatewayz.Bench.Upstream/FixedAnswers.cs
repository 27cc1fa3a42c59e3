namespace Gatewayz.Bench.Upstream;

/// <summary>Pre-encoded responses: a completion, or a stream of a few chunks with usage and [DONE].</summary>
public static class FixedAnswers
{
    private static readonly byte[] Completion = """
        {"id":"chatcmpl-bench","object":"chat.completion","created":1,"model":"bench-upstream","choices":[{"index":0,"message":{"role":"assistant","content":"The quick brown fox jumps over the lazy dog."},"finish_reason":"stop"}],"usage":{"prompt_tokens":12,"completion_tokens":10,"total_tokens":22}}
        """u8.ToArray();

    private static readonly byte[][] StreamEvents =
    [
        .. new[] { "The quick", " brown fox", " jumps over", " the lazy dog." }.Select(text =>
            System.Text.Encoding.UTF8.GetBytes($$"""data: {"id":"chatcmpl-bench","object":"chat.completion.chunk","created":1,"model":"bench-upstream","choices":[{"index":0,"delta":{"content":"{{text}}"},"finish_reason":null}]}""" + "\n\n")),
        """data: {"id":"chatcmpl-bench","object":"chat.completion.chunk","created":1,"model":"bench-upstream","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}"""u8.ToArray().Concat("\n\n"u8.ToArray()).ToArray(),
        """data: {"id":"chatcmpl-bench","object":"chat.completion.chunk","created":1,"model":"bench-upstream","choices":[],"usage":{"prompt_tokens":12,"completion_tokens":10,"total_tokens":22}}"""u8.ToArray().Concat("\n\n"u8.ToArray()).ToArray(),
        "data: [DONE]\n\n"u8.ToArray(),
    ];

    private static readonly byte[] Models = """{"object":"list","data":[{"id":"bench-upstream","object":"model"}]}"""u8.ToArray();

    public static async Task ChatCompletionsAsync(HttpContext context)
    {
        var streaming = await RequestsStreamAsync(context.Request);
        if (!streaming)
        {
            context.Response.ContentType = "application/json";
            context.Response.ContentLength = Completion.Length;
            await context.Response.Body.WriteAsync(Completion);
            return;
        }

        context.Response.ContentType = "text/event-stream";
        foreach (var streamEvent in StreamEvents)
        {
            await context.Response.Body.WriteAsync(streamEvent);
            await context.Response.Body.FlushAsync();
        }
    }

    public static Task ModelsAsync(HttpContext context)
    {
        context.Response.ContentType = "application/json";
        return context.Response.Body.WriteAsync(Models).AsTask();
    }

    private static async Task<bool> RequestsStreamAsync(HttpRequest request)
    {
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body);
        return body.GetBuffer().AsSpan(0, (int)body.Length).IndexOf("\"stream\":true"u8) >= 0;
    }
}
