using System.Text;
using System.Text.Json;
using WfaaS.Engine.Execution;
using WfaaS.Storage.Executions;

namespace WfaaS.Scheduler.Runners;

/// <summary>
/// The delegate's outbound request (SPEC §3.4): tells the external system about the work, with the
/// URLs it reports to. Null when the request was accepted; the task already waits for its callback.
/// </summary>
public sealed class DelegateRunner(IHttpClientFactory clients, HostGuard guard, ExecutionReader reader, ICallbackUrls urls)
{
    /// <summary>The external system only has to say it took the work; the work itself reports on the callback URL.</summary>
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    public async Task<TaskError?> SendAsync(Guid executionId, string task, int attempt, JsonElement? input, DateTimeOffset? dueAt, CancellationToken cancellationToken)
    {
        if (input is not { ValueKind: JsonValueKind.Object } values
            || !values.TryGetProperty("url", out var urlValue) || urlValue.ValueKind != JsonValueKind.String
            || !Uri.TryCreate(urlValue.GetString(), UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            return new TaskError("InvalidInput", "'url' must be an absolute http(s) URL.");
        }

        if (!guard.IsHostAllowed(url.Host))
        {
            return new TaskError("HostNotAllowed", $"'{url.Host}' is not in Actions:Http:AllowedHosts.");
        }

        // The task no longer waits (answered, timed out, cancelled): nobody needs to be told.
        if (await reader.CallbackTokenAsync(executionId, task, attempt, cancellationToken).ConfigureAwait(false) is not { } token)
        {
            return null;
        }

        var method = values.TryGetProperty("method", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()! : "POST";
        using var request = new HttpRequestMessage(new HttpMethod(method), url)
        {
            Content = new StringContent(Payload(executionId, task, attempt, values, urls.Callback(token), urls.Heartbeat(token), dueAt), Encoding.UTF8, "application/json"),
        };
        if (values.TryGetProperty("headers", out var headers) && headers.ValueKind == JsonValueKind.Object)
        {
            foreach (var header in headers.EnumerateObject())
            {
                request.Headers.TryAddWithoutValidation(header.Name, header.Value.ToString());
            }
        }

        request.Headers.Remove("Idempotency-Key");
        request.Headers.Add("Idempotency-Key", $"{executionId}:{task}:{attempt}");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(RequestTimeout);
        try
        {
            using var response = await clients.CreateClient(HttpActionRunner.ClientName).SendAsync(request, timeout.Token).ConfigureAwait(false);
            return response.IsSuccessStatusCode
                ? null
                : new TaskError("HttpError", $"{method} {url} answered {(int)response.StatusCode}.");
        }
        catch (HttpRequestException e) when (e.InnerException is HostNotAllowedException blocked)
        {
            return new TaskError("HostNotAllowed", blocked.Message);
        }
        catch (HttpRequestException e)
        {
            return new TaskError("HttpError", $"{method} {url} failed: {e.Message}");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new TaskError("HttpError", $"{method} {url} failed: {e.GetType().Name}: {e.Message}");
        }
    }

    private static string Payload(Guid executionId, string task, int attempt, JsonElement input, string callbackUrl, string heartbeatUrl, DateTimeOffset? dueAt)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("execution_id", executionId);
            writer.WriteString("task", task);
            writer.WriteNumber("attempt", attempt);
            writer.WritePropertyName("input");
            (input.TryGetProperty("body", out var body) ? body : input).WriteTo(writer);
            writer.WriteString("callback_url", callbackUrl);
            writer.WriteString("heartbeat_url", heartbeatUrl);
            if (dueAt is { } due)
            {
                writer.WriteString("due_at", due.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                writer.WriteNull("due_at");
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
