using System.Globalization;

namespace Gatewayz.Api.Images;

/// <summary>
/// OpenAI's <c>size</c> of a generated image, written <c>WIDTHxHEIGHT</c> in pixels (<c>1024x1024</c>,
/// <c>1792x1024</c>); <c>auto</c>, which lets the model choose, is no <see cref="ImageSize"/> (null).
/// </summary>
/// <param name="Width">Pixels across, 1 to <see cref="MaximumSide"/>.</param>
/// <param name="Height">Pixels down, 1 to <see cref="MaximumSide"/>.</param>
public readonly record struct ImageSize(int Width, int Height)
{
    /// <summary>The longest side the gateway accepts: far above any model's, low enough that no size is absurd.</summary>
    public const int MaximumSide = 16_384;

    /// <summary>Reads <c>WIDTHxHEIGHT</c>: two whole numbers of 1 to <see cref="MaximumSide"/> around a lower-case <c>x</c>.</summary>
    public static bool TryParse(string text, out ImageSize size)
    {
        size = default;
        var separator = text.IndexOf('x');
        if (separator <= 0
            || !TryParseSide(text.AsSpan(0, separator), out var width)
            || !TryParseSide(text.AsSpan(separator + 1), out var height))
            return false;
        size = new ImageSize(width, height);
        return true;
    }

    private static bool TryParseSide(ReadOnlySpan<char> digits, out int side) =>
        int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out side) && side is >= 1 and <= MaximumSide;

    public override string ToString() => $"{Width}x{Height}";
}
