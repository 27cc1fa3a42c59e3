using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using Gatewayz.Api.Catalog;
using Gatewayz.Api.Chat;

namespace Gatewayz.Api.Providers.OpenAiCompatible;

/// <summary>Calls an upstream that implements OpenAI's <c>/chat/completions</c> and <c>/models</c>.</summary>
public sealed class OpenAiCompatibleProvider(string name, ProviderOptions options, HttpClient http) : IChatProvider
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private readonly UpstreamRedactor _redactor = new(options.BaseUrl, options.ApiKey);

    public string Name { get; } = name;

    private TimeSpan TimeToFirstByte => TimeSpan.FromSeconds(options.TimeToFirstByteSeconds);

    /// <summary>
    /// Time to first byte bounds the wait for the response headers; the whole call is bounded by the
    /// caller's total timeout (the route's pipeline).
    /// </summary>
    public async Task<ChatCompletion> CompleteAsync(ProviderCall call, CancellationToken cancellationToken)
    {
        using var firstByte = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            using var response = await SendAsync(call, firstByte);
            firstByte.CancelAfter(Timeout.InfiniteTimeSpan);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            return OpenAiResponseReader.ReadCompletion(body, call.Request.EstimatedInputTokens, Name, _redactor);
        }
        catch (Exception exception) when (IsTransportFailure(exception, cancellationToken))
        {
            throw Translate(exception, firstByte.IsCancellationRequested);
        }
    }

    public async IAsyncEnumerable<ChatChunk> StreamAsync(ProviderCall call, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        HttpResponseMessage response;
        UpstreamEventReader events;
        var idleTimeout = TimeSpan.FromSeconds(options.StreamIdleTimeoutSeconds);
        // A comment line (OpenRouter's ": PROCESSING" while the model thinks) proves the upstream is
        // alive: it restarts the idle timer and the attempt's first-chunk deadline. One delegate per stream.
        var firstChunk = call.FirstChunk;
        void Alive()
        {
            idle.CancelAfter(idleTimeout);
            firstChunk?.Extend();
        }
        try
        {
            response = await SendAsync(call, idle);
            events = new UpstreamEventReader(await response.Content.ReadAsStreamAsync(idle.Token), Name, _redactor, Alive);
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
            using var request = new HttpRequestMessage(HttpMethod.Get, "models");
            AddAuthorization(request);
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

    private async Task<HttpResponseMessage> SendAsync(ProviderCall call, CancellationTokenSource firstByte)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "chat/completions")
        {
            Content = new ReadOnlyMemoryContent(UpstreamRequestBody.Write(call.Request, call.UpstreamModel)),
        };
        request.Content.Headers.ContentType = Json;
        AddAuthorization(request);

        firstByte.CancelAfter(TimeToFirstByte);
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, firstByte.Token);
        if (!response.IsSuccessStatusCode)
        {
            using (response)
                await ThrowFailureAsync(response, firstByte.Token);
        }
        return response;
    }

    private void AddAuthorization(HttpRequestMessage request)
    {
        if (!string.IsNullOrEmpty(options.ApiKey))
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.ApiKey);
    }

    /// <summary>
    /// Turns a failed status into the failure kind that decides retries and failover. A 4xx the client
    /// can fix is a <see cref="UpstreamFailureKind.ClientError"/> carrying the upstream's explanation;
    /// 401, 402 and 403 concern the gateway's own credentials or account at the provider, and 409 a
    /// conflict that may clear, so those stay provider failures that another attempt or route may cure.
    /// </summary>
    private async Task ThrowFailureAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var message = $"{Name} answered {status} {response.ReasonPhrase}.";
        throw response.StatusCode switch
        {
            HttpStatusCode.TooManyRequests => new UpstreamException(UpstreamFailureKind.RateLimited, message, status, RetryAfterOf(response)),
            HttpStatusCode.RequestTimeout or HttpStatusCode.GatewayTimeout => new UpstreamException(UpstreamFailureKind.Timeout, message, status),
            HttpStatusCode.Unauthorized or HttpStatusCode.PaymentRequired or HttpStatusCode.Forbidden or HttpStatusCode.Conflict =>
                new UpstreamException(UpstreamFailureKind.ServerError, message, status),
            >= HttpStatusCode.BadRequest and < HttpStatusCode.InternalServerError =>
                new UpstreamException(UpstreamFailureKind.ClientError, message, status, rejection: await ReadRejectionAsync(response, cancellationToken)),
            _ => new UpstreamException(UpstreamFailureKind.ServerError, message, status),
        };
    }

    private async Task<UpstreamRejection> ReadRejectionAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var (body, complete) = await UpstreamErrorBody.ReadAsync(response.Content, cancellationToken);
        return UpstreamErrorBody.Parse(Name, (int)response.StatusCode, response.ReasonPhrase, body, complete, _redactor);
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
