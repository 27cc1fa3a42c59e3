using System.Text;
using Gatewayz.Api.Chat;
using Gatewayz.Api.Errors;
using Gatewayz.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Shouldly;

namespace Gatewayz.Tests.Gateway;

/// <summary>The pooled body reader: bodies of unknown length that outgrow the first buffer, and the size limit.</summary>
public sealed class RequestBodyReaderTests
{
    [Fact]
    public async Task A_body_without_content_length_that_outgrows_the_first_buffer_is_read_whole()
    {
        var text = new string('x', 20_000);
        var request = RequestWith($$"""{"model":"m","note":"{{text}}"}""", contentLength: null);

        using var body = await RequestBodyReader.ReadJsonObjectAsync(request, limit: 1024 * 1024, CancellationToken.None);

        body.Root.GetProperty("note").GetString().ShouldBe(text);
    }

    [Fact]
    public async Task A_body_without_content_length_over_the_limit_is_413()
    {
        var request = RequestWith($$"""{"note":"{{new string('x', 5_000)}}"}""", contentLength: null);

        var failure = await Should.ThrowAsync<GatewayException>(() => RequestBodyReader.ReadJsonObjectAsync(request, limit: 4_096, CancellationToken.None));

        failure.Error.Status.ShouldBe(StatusCodes.Status413PayloadTooLarge);
    }

    private static HttpRequest RequestWith(string json, long? contentLength)
    {
        var context = new DefaultHttpContext();
        context.Request.ContentLength = contentLength;
        context.Request.Body = new TricklingStream(Encoding.UTF8.GetBytes(json), bytesPerRead: 1500);
        return context.Request;
    }
}
