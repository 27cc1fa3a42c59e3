namespace Gatewayz.Api.Health;

/// <summary>
/// Outcomes and latencies of real traffic over a sliding window, kept in ten time buckets so that
/// recording is a short uncontended lock and old data ages out without a timer.
/// </summary>
public sealed class TrafficWindow(TimeSpan window, TimeProvider time)
{
    private const int BucketCount = 10;
    private readonly long _bucketLength = Math.Max(1, (long)(window.TotalSeconds * time.TimestampFrequency / BucketCount));
    private readonly Bucket[] _buckets = new Bucket[BucketCount];
    private readonly Lock _lock = new();

    public void Record(bool failed, TimeSpan latency)
    {
        var index = time.GetTimestamp() / _bucketLength;
        lock (_lock)
        {
            ref var bucket = ref _buckets[index % BucketCount];
            if (bucket.Index != index)
                bucket = new Bucket { Index = index };
            if (failed)
            {
                bucket.Failures++;
                return;
            }
            bucket.Successes++;
            bucket.LatencySeconds += latency.TotalSeconds;
        }
    }

    public TrafficSummary Read()
    {
        var oldest = time.GetTimestamp() / _bucketLength - BucketCount + 1;
        var summary = default(TrafficSummary);
        lock (_lock)
        {
            foreach (var bucket in _buckets)
            {
                if (bucket.Index >= oldest)
                    summary += new TrafficSummary(bucket.Successes, bucket.Failures, bucket.LatencySeconds);
            }
        }
        return summary;
    }

    private struct Bucket
    {
        public long Index;
        public long Successes;
        public long Failures;
        public double LatencySeconds;
    }
}
