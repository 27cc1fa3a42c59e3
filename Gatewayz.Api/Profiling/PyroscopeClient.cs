using System.Globalization;
using System.Net.Http.Headers;

namespace Gatewayz.Api.Profiling;

/// <summary>
/// Pushes pprof profiles to Pyroscope's HTTP ingest API (<c>POST /ingest?format=pprof</c>, the profile
/// in the multipart form field <c>profile</c>). Failures are counted and logged at debug level only:
/// profiling must never disturb the gateway. The <c>service_name</c> label is the OpenTelemetry
/// <c>service.name</c>, which is what Grafana's trace-to-profile link matches on.
/// </summary>
internal sealed partial class PyroscopeClient(HttpClient http, ProfilingOptions options, string serviceName, string environment, ILogger logger)
{
    private long _pushed;
    private long _failures;

    public long Pushed => Interlocked.Read(ref _pushed);

    public long Failures => Interlocked.Read(ref _failures);

    public async Task PushAsync(CpuCapture capture, byte[] pprof, CancellationToken cancellationToken)
    {
        try
        {
            using var form = new MultipartFormDataContent();
            var profile = new ByteArrayContent(pprof);
            profile.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(profile, "profile", "profile.pprof");
            using var response = await http.PostAsync(IngestUri(capture), form, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                Interlocked.Increment(ref _failures);
                LogRejected(logger, (int)response.StatusCode);
                return;
            }
            Interlocked.Increment(ref _pushed);
        }
        catch (Exception failure) when (failure is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            Interlocked.Increment(ref _failures);
            LogUnreachable(logger, failure.Message);
        }
    }

    private Uri IngestUri(CpuCapture capture)
    {
        var name = $"{options.ApplicationName}{{service_name={serviceName},environment={environment}}}";
        var query = string.Join('&',
            "name=" + Uri.EscapeDataString(name),
            "from=" + capture.From.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            "until=" + capture.Until.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            "format=pprof",
            "sampleRate=" + ((int)(1 / capture.SamplingPeriod.TotalSeconds)).ToString(CultureInfo.InvariantCulture),
            "spyName=gatewayz-eventpipe");
        return new Uri(options.ServerAddress!, "/ingest?" + query);
    }

    [LoggerMessage(EventId = 9101, Level = LogLevel.Debug, Message = "Pyroscope rejected a profile with status {Status}")]
    private static partial void LogRejected(ILogger logger, int status);

    [LoggerMessage(EventId = 9102, Level = LogLevel.Debug, Message = "Pyroscope could not be reached: {Reason}")]
    private static partial void LogUnreachable(ILogger logger, string reason);
}
