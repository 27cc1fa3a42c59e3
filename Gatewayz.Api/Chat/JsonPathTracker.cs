using System.Text;
using Gatewayz.Api.Errors;

namespace Gatewayz.Api.Chat;

/// <summary>
/// The path of the value a forward-only JSON reader is on, written as error <c>param</c>s are:
/// <c>tools[0].function.parameters</c>. The reader reports each token; <see cref="ToString"/> names the current one.
/// </summary>
public sealed class JsonPathTracker
{
    private const int Unset = -1;

    // One level per open object or array: the property being read (objects) or the index of the
    // current item (arrays, whose property is null).
    private readonly List<(string? Property, int Index)> _levels = [];

    /// <summary>An object or array opens (after <see cref="StartValue"/> placed it in its parent).</summary>
    public void Enter(bool isArray) => _levels.Add((isArray ? null : "", Unset));

    /// <summary>The innermost object or array closes.</summary>
    public void Leave() => _levels.RemoveAt(_levels.Count - 1);

    /// <summary>A property name was read: what follows is that property's value.</summary>
    public void SetProperty(string name) => _levels[^1] = (name, Unset);

    /// <summary>A value starts: inside an array it is the next item.</summary>
    public void StartValue()
    {
        if (_levels.Count > 0 && _levels[^1] is (null, var index))
            _levels[^1] = (null, index + 1);
    }

    /// <summary>The path, each property name cut to the length error messages echo.</summary>
    public override string ToString()
    {
        var path = new StringBuilder();
        foreach (var (property, index) in _levels)
        {
            if (property is null)
                path.Append('[').Append(index).Append(']');
            else
                path.Append(path.Length > 0 ? "." : "").Append(GatewayError.Truncate(property));
        }
        return path.ToString();
    }
}
