namespace Gatewayz.Tests.Grafana.Live.Rendering;

/// <summary>The drawing area of a panel's content (below its title), in pixels.</summary>
public readonly record struct PanelBox(double X, double Y, double Width, double Height)
{
    public double Right => X + Width;
    public double Bottom => Y + Height;
}
