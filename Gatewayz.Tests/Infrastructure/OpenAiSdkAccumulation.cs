using System.Text.Json.Nodes;

namespace Gatewayz.Tests.Infrastructure;

/// <summary>
/// How the official OpenAI SDKs build a streamed chat completion's message from its chunks' deltas, for a field
/// they do not model (such as <c>thinking_blocks</c>), ported so that a test sees what their clients see.
/// </summary>
public static class OpenAiSdkAccumulation
{
    /// <summary>
    /// openai-python's <c>accumulate_delta</c> (src/openai/lib/streaming/_deltas.py), which
    /// <c>ChatCompletionStreamState</c> applies to each choice's <c>delta</c>: a new key is taken as it comes,
    /// <c>index</c> and <c>type</c> are replaced, strings concatenated, numbers added, objects merged, lists of
    /// primitives extended and lists of objects merged entry by entry by their <c>index</c> key (an entry without
    /// one is an error, "Expected list delta entry to have an `index` key").
    /// </summary>
    public static JsonObject PythonAccumulateDelta(JsonObject acc, JsonObject delta)
    {
        foreach (var (key, deltaValue) in delta)
        {
            if (!acc.TryGetPropertyValue(key, out var accValue) || accValue is null || key is "index" or "type")
            {
                acc[key] = deltaValue?.DeepClone();
                continue;
            }
            switch (accValue, deltaValue)
            {
                case (JsonValue a, JsonValue d) when a.TryGetValue<string>(out var left) && d.TryGetValue<string>(out var right):
                    acc[key] = left + right;
                    break;
                case (JsonValue a, JsonValue d) when a.TryGetValue<double>(out var left) && d.TryGetValue<double>(out var right):
                    acc[key] = left + right;
                    break;
                case (JsonObject a, JsonObject d):
                    PythonAccumulateDelta(a, d);
                    break;
                case (JsonArray a, JsonArray d):
                    if (a.All(entry => entry is JsonValue))
                    {
                        foreach (var entry in d) a.Add(entry?.DeepClone());
                        break;
                    }
                    foreach (var entry in d)
                    {
                        if (entry is not JsonObject deltaEntry)
                            throw new InvalidOperationException($"Unexpected list delta entry is not a dictionary: {entry}");
                        if (deltaEntry["index"] is not JsonValue indexValue || !indexValue.TryGetValue<int>(out var index))
                            throw new InvalidOperationException($"Expected list delta entry to have an `index` key; {deltaEntry.ToJsonString()}");
                        if (index < a.Count)
                            PythonAccumulateDelta((JsonObject)a[index]!, deltaEntry);
                        else
                            a.Insert(Math.Min(index, a.Count), deltaEntry.DeepClone()); // Python's list.insert past the end appends.
                    }
                    break;
                // A value of any other kind is left as it was, as accumulate_delta leaves it.
            }
        }
        return acc;
    }

    /// <summary>
    /// openai-node's <c>ChatCompletionStream</c> (src/lib/ChatCompletionStream.ts, <c>#accumulateChatCompletion</c>):
    /// it joins the delta fields it knows (<c>content</c>, <c>refusal</c>, <c>tool_calls</c>, …) and assigns the
    /// rest over the message snapshot (<c>Object.assign(choice.message, rest)</c>), so an unknown field holds what
    /// the last delta that carried it gave. Only that unknown-field rule is ported here.
    /// </summary>
    public static JsonObject NodeAssignUnknownDeltaFields(JsonObject message, JsonObject delta)
    {
        foreach (var (key, value) in delta)
            if (key is not ("content" or "refusal" or "function_call" or "role" or "tool_calls" or "audio"))
                message[key] = value?.DeepClone();
        return message;
    }
}
