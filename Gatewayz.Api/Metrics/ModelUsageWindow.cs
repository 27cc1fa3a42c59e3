namespace Gatewayz.Api.Metrics;

/// <summary>
/// One model's calls in 24 hourly slots (a rolling day) and its tokens since start, updated with
/// interlocked operations so that recording takes no lock except once an hour per slot.
/// </summary>
internal sealed class ModelUsageWindow
{
    private const int Slots = 24;
    private readonly long[] _slotHour = new long[Slots];
    private readonly long[] _calls = new long[Slots];
    private readonly long[] _successes = new long[Slots];
    private long _inputTokens;
    private long _outputTokens;

    public void Add(long hour, bool success, int inputTokens, int outputTokens)
    {
        var slot = (int)(hour % Slots);
        if (Volatile.Read(ref _slotHour[slot]) != hour) Reset(slot, hour);
        Interlocked.Increment(ref _calls[slot]);
        if (success) Interlocked.Increment(ref _successes[slot]);
        if (inputTokens != 0) Interlocked.Add(ref _inputTokens, inputTokens);
        if (outputTokens != 0) Interlocked.Add(ref _outputTokens, outputTokens);
    }

    /// <summary>Successful share of the calls in the 24 hours up to <paramref name="currentHour"/>, or null without calls.</summary>
    public double? Uptime(long currentHour)
    {
        long calls = 0, successes = 0;
        for (var slot = 0; slot < Slots; slot++)
        {
            if (Volatile.Read(ref _slotHour[slot]) <= currentHour - Slots) continue;
            calls += Volatile.Read(ref _calls[slot]);
            successes += Volatile.Read(ref _successes[slot]);
        }
        return calls == 0 ? null : (double)successes / calls;
    }

    /// <summary>Output tokens per input token since start, or null before any input.</summary>
    public double? TokenEfficiency()
    {
        var input = Interlocked.Read(ref _inputTokens);
        return input == 0 ? null : (double)Interlocked.Read(ref _outputTokens) / input;
    }

    private void Reset(int slot, long hour)
    {
        lock (this)
        {
            if (_slotHour[slot] == hour) return;
            _calls[slot] = 0;
            _successes[slot] = 0;
            Volatile.Write(ref _slotHour[slot], hour);
        }
    }
}
