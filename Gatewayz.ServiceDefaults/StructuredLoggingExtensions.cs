using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Microsoft.Extensions.Hosting;

public static class StructuredLoggingExtensions
{
    /// <summary>
    /// Every log line carries the current trace and span ids: as scope values for every provider
    /// (OTLP logs also carry them natively) and as <c>trace_id</c>/<c>span_id</c> in the JSON console output.
    /// <c>Logging:Console:FormatterName</c> still picks another console format when set.
    /// </summary>
    public static TBuilder AddTraceCorrelatedLogging<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.Configure(options =>
            options.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);
        builder.Logging.AddConsoleFormatter<TraceJsonConsoleFormatter, ConsoleFormatterOptions>();
        builder.Services.Configure<ConsoleLoggerOptions>(options =>
            options.FormatterName ??= TraceJsonConsoleFormatter.FormatterName);
        return builder;
    }
}
