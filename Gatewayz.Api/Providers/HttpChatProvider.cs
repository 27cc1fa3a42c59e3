using System.Net;
using System.Runtime.CompilerServices;
using Gatewayz.Api.Catalog;
using Gatewayz.Api.Chat;
using Gatewayz.Api.Providers.OpenAiCompatible;
using Gatewayz.Api.Wire;

namespace Gatewayz.Api.Providers;

/// <summary>
/// An upstream reached over HTTP, whatever its wire format: the timeouts (time to first byte, stream idle,
/// comments as signs of life), the failed statuses and broken connections as <see cref="UpstreamException"/>
/// kinds, and the models endpoint for probes. A subclass says how its format's requests are written and its
/// answers read (<typeparamref name="TDecoder"/> for a stream's events).
/// </summary>
public abstract class HttpChatProvider<TDecoder>(string name, ProviderOptions options, HttpClient http) : IChatProvider
    where TDecoder : struct, IUpstreamEventDecoder
{
    public string Name { get; } = name;

    protected UpstreamRedactor Redactor { get; } = new(options.BaseUrl, options.ApiKey);

    protected ProviderOptions Options => options;

    /// <summary>The format the upstream speaks: what it is sent, how its answers and error bodies are read.</summary>
    public abstract WireFormat Format { get; }

    /// <summary>The path, relative to the base URL, of the upstream's model list.</summary>
    protected virtual string ModelsPath => "models";

    private TimeSpan TimeToFirstByte => TimeSpan.FromSeconds(options.TimeToFirstByteSeconds);

    /// <summary>The chat request for <paramref name="call"/>: path, body and the format's own headers (not the key).</summary>
    protected abstract HttpRequestMessage CreateChatRequest(ProviderCall call);

    /// <summary>Adds the upstream's key, and whatever else every request of the format needs.</summary>
    protected abstract void Authorize(HttpRequestMessage request);

    /// <summary>A non-streamed answer's body, observed and kept for relaying.</summary>
    protected abstract ChatCompletion ReadCompletion(ReadOnlyMemory<byte> body, ProviderCall call);

    /// <summary>The reader state of one stream.</summary>
    protected abstract TDecoder CreateDecoder();

    /// <summary>
    /// Time to first byte bounds the wait for the response headers; the whole call is bounded by the
    /// caller's total timeout (the route's pipeline).
    /// </summary>
    public async Task<ChatCompletion> CompleteAsync(ProviderCall call, CancellationToken cancellationToken)
    {
        using var request = CreateChatRequest(call);
        return ReadCompletion(await ReadBodyAsync(request, Timeout.InfiniteTimeSpan, cancellationToken), call);
    }

    /// <summary>
    /// Sends <paramref name="request"/> with the upstream's key (<see cref="Authorize"/>) and reads its whole body:
    /// time to first byte bounds the wait for the response headers, <paramref name="bodyTimeout"/> (infinite: only
    /// <paramref name="cancellationToken"/>) the reading of the body. A failed status, a broken connection or a
    /// timeout throws <see cref="UpstreamException"/> of its kind, a 4xx the client can fix with the upstream's
    /// explanation (<see cref="UpstreamException.Rejection"/>).
    /// </summary>
    protected async Task<byte[]> ReadBodyAsync(HttpRequestMessage request, TimeSpan bodyTimeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            using var response = await SendAsync(request, deadline);
            deadline.CancelAfter(bodyTimeout);
            return await response.Content.ReadAsByteArrayAsync(deadline.Token);
        }
        catch (Exception exception) when (IsTransportFailure(exception, cancellationToken))
        {
            throw Translate(exception, deadline.IsCancellationRequested);
        }
    }

    public async IAsyncEnumerable<ChatChunk> StreamAsync(ProviderCall call, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        HttpResponseMessage response;
        UpstreamEventReader<TDecoder> events;
        var idleTimeout = TimeSpan.FromSeconds(options.StreamIdleTimeoutSeconds);
        // A comment line (OpenRouter's ": PROCESSING" while the model thinks) or an event without output
        // (Anthropic's ping) proves the upstream is alive: it restarts the idle timer and the attempt's
        // first-chunk deadline. One delegate per stream.
        var firstChunk = call.FirstChunk;
        void Alive()
        {
            idle.CancelAfter(idleTimeout);
            firstChunk?.Extend();
        }
        try
        {
            using var request = CreateChatRequest(call);
            response = await SendAsync(request, idle);
            events = new UpstreamEventReader<TDecoder>(await response.Content.ReadAsStreamAsync(idle.Token), CreateDecoder(), Alive);
        }
        catch (Exception exception) when (IsTransportFailure(exception, cancellationToken))
        {
            throw Translate(exception, idle.IsCancellationRequested);
        }

        using (response)
        await using (events)
        {
            while (true)
            {
                ChatChunk? chunk;
                idle.CancelAfter(idleTimeout);
                try
                {
                    chunk = await events.ReadAsync(idle.Token);
                }
                catch (Exception exception) when (IsTransportFailure(exception, cancellationToken))
                {
                    throw Translate(exception, idle.IsCancellationRequested);
                }
                if (chunk is not { } next)
                    yield break;
                // The deadline belongs to the attempt, which lets go of it once it has a chunk with output.
                if (!next.CarriesNothing)
                    firstChunk = null;
                yield return next;
            }
        }
    }

    public async Task ProbeAsync(CancellationToken cancellationToken)
    {
        using var response = await GetModelsAsync(cancellationToken);
    }

    /// <summary>The ids of the model list (<c>data[].id</c>, the shape OpenAI's and Anthropic's lists share).</summary>
    public async Task<IReadOnlyCollection<string>> ListModelsAsync(CancellationToken cancellationToken)
    {
        using var response = await GetModelsAsync(cancellationToken);
        try
        {
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            return OpenAiResponseReader.ReadModelIds(body);
        }
        catch (Exception exception) when (IsTransportFailure(exception, cancellationToken))
        {
            throw Translate(exception, timedOut: false);
        }
    }

    private async Task<HttpResponseMessage> GetModelsAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeToFirstByte);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, ModelsPath);
            Authorize(request);
            var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                using (response)
                    await ThrowFailureAsync(response, timeout.Token);
            }
            return response;
        }
        catch (Exception exception) when (IsTransportFailure(exception, cancellationToken))
        {
            throw Translate(exception, timeout.IsCancellationRequested);
        }
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationTokenSource firstByte)
    {
        Authorize(request);

        firstByte.CancelAfter(TimeToFirstByte);
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, firstByte.Token);
        if (!response.IsSuccessStatusCode)
        {
            using (response)
                await ThrowFailureAsync(response, firstByte.Token);
        }
        return response;
    }

    /// <summary>
    /// Turns a failed status into the failure kind that decides retries and failover. A 4xx the client
    /// can fix is a <see cref="UpstreamFailureKind.ClientError"/> carrying the upstream's explanation;
    /// 401, 402 and 403 concern the gateway's own credentials or account at the provider, and 409 a
    /// conflict that may clear, so those stay provider failures that another attempt or route may cure.
    /// Anthropic's 529 (overloaded) is a server error like any 5xx, which keeps its error object (an
    /// <c>overloaded_error</c> and its message) as HTTP 503, the status every client knows to retry: a client
    /// left with that failure hears the same as when Anthropic reports the overload inside a 200 stream.
    /// </summary>
    private async Task ThrowFailureAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        // The standard reason phrase, not the upstream's: a reason phrase is free text the upstream chooses.
        var message = $"{Name} answered {status} {Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status)}.";
        throw response.StatusCode switch
        {
            HttpStatusCode.TooManyRequests => new UpstreamException(UpstreamFailureKind.RateLimited, message, status, RetryAfterOf(response)),
            HttpStatusCode.RequestTimeout or HttpStatusCode.GatewayTimeout => new UpstreamException(UpstreamFailureKind.Timeout, message, status),
            HttpStatusCode.Unauthorized or HttpStatusCode.PaymentRequired or HttpStatusCode.Forbidden or HttpStatusCode.Conflict =>
                new UpstreamException(UpstreamFailureKind.ServerError, message, status),
            >= HttpStatusCode.BadRequest and < HttpStatusCode.InternalServerError =>
                new UpstreamException(UpstreamFailureKind.ClientError, message, status, rejection: await ReadRejectionAsync(response, cancellationToken)),
            (HttpStatusCode)StatusOverloaded => new UpstreamException(UpstreamFailureKind.ServerError, message, status,
                rejection: await ReadOverloadAsync(response, cancellationToken)),
            _ => new UpstreamException(UpstreamFailureKind.ServerError, message, status),
        };
    }

    /// <summary>Anthropic's status for an overloaded service.</summary>
    private const int StatusOverloaded = 529;

    private async Task<UpstreamRejection?> ReadOverloadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var (body, complete) = await UpstreamErrorBody.ReadAsync(response.Content, cancellationToken);
        return complete && UpstreamErrorBody.TryParseError(body, Redactor, Format) is { } said
            ? said with { Provider = Name, Status = StatusCodes.Status503ServiceUnavailable }
            : null;
    }

    private async Task<UpstreamRejection> ReadRejectionAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var (body, complete) = await UpstreamErrorBody.ReadAsync(response.Content, cancellationToken);
        return UpstreamErrorBody.Parse(Name, (int)response.StatusCode, response.ReasonPhrase, body, complete, Redactor, Format);
    }

    private static TimeSpan? RetryAfterOf(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - DateTimeOffset.UtcNow,
        _ => null,
    };

    /// <summary>Failures of the upstream, as opposed to the caller giving up or our own bugs.</summary>
    private static bool IsTransportFailure(Exception exception, CancellationToken caller) =>
        !caller.IsCancellationRequested && exception is HttpRequestException or IOException or OperationCanceledException;

    private UpstreamException Translate(Exception exception, bool timedOut) => exception switch
    {
        _ when timedOut => new UpstreamException(UpstreamFailureKind.Timeout, $"{Name} did not answer in time.", inner: exception),
        _ => new UpstreamException(UpstreamFailureKind.Connection, $"{Name} could not be reached: {exception.Message}", inner: exception),
    };
}
