using System.Net.Http.Headers;
using System.Text;

namespace Gatewayz.Tests.Infrastructure;

/// <summary>
/// A streaming client that reads a few events of an answer and then goes away: it disposes the response
/// mid-stream, which closes the connection, as a user closing a chat window would.
/// </summary>
public static class AbandoningClient
{
    /// <summary>
    /// Posts <paramref name="json"/>, reads the stream until <paramref name="events"/> data lines
    /// containing <paramref name="marker"/> have arrived, then disconnects. Returns every data line read.
    /// </summary>
    public static async Task<List<string>> ReadThenLeaveAsync(HttpClient http, string path, string json, string marker, int events)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var lines = new List<string>();
        using (var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead))
        {
            response.EnsureSuccessStatusCode();
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
            var seen = 0;
            while (seen < events && await reader.ReadLineAsync() is { } line)
            {
                if (!line.StartsWith("data: ", StringComparison.Ordinal)) continue;
                lines.Add(line);
                if (line.Contains(marker, StringComparison.Ordinal)) seen++;
            }
        }
        return lines;
    }
}
