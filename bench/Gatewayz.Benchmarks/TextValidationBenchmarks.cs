using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Gatewayz.Api.Chat;
using Gatewayz.Api.Errors;

namespace Gatewayz.Benchmarks;

/// <summary>
/// What the Unicode check adds to parsing a body, as a ratio in one run: the parse alone (what
/// <see cref="RequestBodyReader"/> did before) against the parse and <see cref="JsonTextValidator"/>.
/// Plain is the realistic body as JavaScript clients send it (raw UTF-8, no <c>\u</c>); escaped is text
/// with accents and emoji as Python's <c>json.dumps</c> sends it, every non-ASCII character a <c>\u</c>
/// escape and every emoji an escaped surrogate pair.
/// </summary>
[MemoryDiagnoser]
public class TextValidationBenchmarks
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 64 };

    private static readonly byte[] EscapedBody = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new
    {
        model = HotPathSamples.Model,
        messages = new[]
        {
            new { role = "system", content = "Tu es l'assistant d'une librairie à Köln : réponds brièvement, en français, sans inventer de prix. 📚" },
            new { role = "user", content = "Où en est ma deuxième commande ? J'en ai besoin avant le 20 pour un cours — merci ! 🙏😀 Grüße, Zoë" },
        },
        temperature = 0.3,
        user = "customer-8812",
    }));

    [Params("plain", "escaped")]
    public string Body { get; set; } = "plain";

    private byte[] _json = [];

    [GlobalSetup]
    public void Setup() => _json = Body == "plain" ? HotPathSamples.OpenAiBody : EscapedBody;

    [Benchmark(Baseline = true, Description = "JsonDocument.Parse")]
    public JsonValueKind Parse()
    {
        using var document = JsonDocument.Parse(_json, Options);
        return document.RootElement.ValueKind;
    }

    [Benchmark(Description = "JsonDocument.Parse + JsonTextValidator")]
    public GatewayError? ParseAndValidate()
    {
        using var document = JsonDocument.Parse(_json, Options);
        return JsonTextValidator.FindInvalidString(_json);
    }

    [Benchmark(Description = "JsonTextValidator alone")]
    public GatewayError? Validate() => JsonTextValidator.FindInvalidString(_json);
}
