namespace Gatewayz.Tests.Infrastructure;

/// <summary>Waits for something that happens in the background (a flush, a scrape) instead of sleeping a fixed time.</summary>
public static class Eventually
{
    public static async Task<T> ReturnsAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > deadline) return value;
            await Task.Delay(50);
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds (10 s by default); returns whether it did.</summary>
    public static Task<bool> TrueAsync(Func<Task<bool>> condition, TimeSpan? timeout = null) =>
        ReturnsAsync(condition, holds => holds, timeout ?? TimeSpan.FromSeconds(10));
}
