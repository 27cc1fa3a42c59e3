using System.Text.Json;
using Gatewayz.Api.Errors;

namespace Gatewayz.Api.Chat;

/// <summary>
/// Names the first key a JSON body gives twice in one object, by its path (<c>messages[0].content</c>). The
/// parser refuses such a body itself (<see cref="JsonDocumentOptions.AllowDuplicateProperties"/> off) but says
/// only the key's name; this walk runs on that error path alone, so its sets of names cost nothing on the way
/// of a valid body.
/// </summary>
public static class DuplicateKeyFinder
{
    /// <summary>The 400 naming the first repeated key, or null when the body repeats none (or is not JSON).</summary>
    public static GatewayError? Find(ReadOnlySpan<byte> json)
    {
        var path = new JsonPathTracker();
        var names = new Stack<HashSet<string>?>();
        var reader = new Utf8JsonReader(json);
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        var name = reader.GetString()!;
                        path.SetProperty(name);
                        if (!names.Peek()!.Add(name))
                            return GatewayError.DuplicateKey(path.ToString());
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        path.Leave();
                        names.Pop();
                        break;
                    default:
                        path.StartValue();
                        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                        {
                            path.Enter(isArray: reader.TokenType == JsonTokenType.StartArray);
                            names.Push(reader.TokenType == JsonTokenType.StartObject ? new HashSet<string>(StringComparer.Ordinal) : null);
                        }
                        break;
                }
            }
        }
        catch (JsonException)
        {
            // Malformed in some other way: the parser's own message says how.
        }
        return null;
    }
}
