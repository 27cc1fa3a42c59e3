namespace Gatewayz.Api.Providers.Simulation;

/// <summary>FNV-1a over strings: unlike <see cref="HashCode"/>, the same in every process.</summary>
public static class StableHash
{
    public static int Of(int seed, params ReadOnlySpan<string> parts)
    {
        var hash = 14695981039346656037UL ^ (ulong)seed;
        foreach (var part in parts)
        {
            foreach (var c in part)
            {
                hash ^= c;
                hash *= 1099511628211UL;
            }
            hash ^= 0xFF;
            hash *= 1099511628211UL;
        }
        return (int)(hash ^ (hash >> 32));
    }
}
