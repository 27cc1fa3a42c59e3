using System.Text;

namespace Gatewayz.Api.Chat;

/// <summary>
/// Where a value sits in a request body, as error <c>param</c>s name it (<c>messages[1].content[0].source</c>):
/// a chain of segments that becomes text only when an error names it, so reading a valid body formats no paths.
/// Each segment is a property, optionally with the index of an item of its array (<c>content[0]</c>).
/// </summary>
public sealed class JsonPath
{
    private const int NoIndex = -1;

    private readonly JsonPath? _parent;
    private readonly string _property;
    private readonly int _index;

    private JsonPath(JsonPath? parent, string property, int index)
    {
        _parent = parent;
        _property = property;
        _index = index;
    }

    /// <summary>A top-level property of the body (<c>tool_choice</c>), or an item of it (<c>messages[2]</c>).</summary>
    public static JsonPath Of(string property, int index = NoIndex) => new(null, property, index);

    /// <summary>A property of the object at this path (<c>….source</c>), or an item of it (<c>….content[0]</c>).</summary>
    public JsonPath Then(string property, int index = NoIndex) => new(this, property, index);

    /// <summary>The path of <paramref name="field"/> in the object at this path, as text.</summary>
    public string Field(string field) => $"{this}.{field}";

    public override string ToString() => Append(new StringBuilder()).ToString();

    private StringBuilder Append(StringBuilder path)
    {
        if (_parent is not null)
            _parent.Append(path).Append('.');
        path.Append(_property);
        return _index == NoIndex ? path : path.Append('[').Append(_index).Append(']');
    }
}
