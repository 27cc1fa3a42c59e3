namespace Gatewayz.AppHost.Tests;

/// <summary>A fact that is skipped, saying why, when no container engine answers.</summary>
public sealed class RequiresContainerEngineFactAttribute : FactAttribute
{
    public RequiresContainerEngineFactAttribute()
    {
        if (!ContainerEngine.IsAvailable)
        {
            Skip = "No container engine answers (docker info failed); the stack cannot start here.";
        }
    }
}
