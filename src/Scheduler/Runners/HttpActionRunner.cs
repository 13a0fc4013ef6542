using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using WfaaS.Engine.Execution;

namespace WfaaS.Scheduler.Runners;

/// <summary>
/// The <c>http</c> action (SPEC §3.4): one attempt is one request, with transient faults (network,
/// 408, 429, 5xx) retried inside it by the client's resilience pipeline and an
/// <c>Idempotency-Key: {execution}:{task}:{attempt}</c> so the target can de-duplicate.
/// </summary>
public sealed class HttpActionRunner(IHttpClientFactory clients, HostGuard guard)
{
    public const string ClientName = "wfaas-http";
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    public async Task<ActionOutcome> RunAsync(Guid executionId, string task, int attempt, JsonElement? input, CancellationToken cancellationToken)
    {
        if (input is not { ValueKind: JsonValueKind.Object } values
            || !Uri.TryCreate(Text(values, "url"), UriKind.Absolute, out var url)
            || url.Scheme is not ("http" or "https"))
        {
            return ActionOutcome.Failure("InvalidInput", "'url' must be an absolute http(s) URL.");
        }

        if (!guard.IsHostAllowed(url.Host))
        {
            return ActionOutcome.Failure("HostNotAllowed", $"'{url.Host}' is not in Actions:Http:AllowedHosts.");
        }

        using var request = new HttpRequestMessage(new HttpMethod(Text(values, "method") ?? "GET"), url);
        if (values.TryGetProperty("body", out var body) && body.ValueKind != JsonValueKind.Null)
        {
            request.Content = new StringContent(body.GetRawText(), Encoding.UTF8, "application/json");
        }

        if (values.TryGetProperty("headers", out var headers) && headers.ValueKind == JsonValueKind.Object)
        {
            foreach (var header in headers.EnumerateObject())
            {
                var value = header.Value.ValueKind == JsonValueKind.String ? header.Value.GetString()! : header.Value.GetRawText();
                if (!request.Headers.TryAddWithoutValidation(header.Name, value))
                {
                    request.Content?.Headers.Remove(header.Name);
                    request.Content?.Headers.TryAddWithoutValidation(header.Name, value);
                }
            }
        }

        request.Headers.Remove("Idempotency-Key");
        request.Headers.Add("Idempotency-Key", $"{executionId}:{task}:{attempt}");

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout(values));
        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(request, timeout.Token).ConfigureAwait(false);
            var result = await ResultAsync(response, timeout.Token).ConfigureAwait(false);
            return IsSuccess(values, (int)response.StatusCode)
                ? ActionOutcome.Success(result)
                : new ActionOutcome(null, new TaskError("HttpError", $"{request.Method} {url} answered {(int)response.StatusCode}."));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return ActionOutcome.Failure("Timeout", $"{request.Method} {url} did not answer in time.");
        }
        catch (HttpRequestException e) when (e.InnerException is HostNotAllowedException blocked)
        {
            return ActionOutcome.Failure("HostNotAllowed", blocked.Message);
        }
        catch (HttpRequestException e)
        {
            return ActionOutcome.Failure("HttpError", $"{request.Method} {url} failed: {e.Message}");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The resilience pipeline's own refusals (an open circuit, its timeouts) and anything
            // else the client throws: this attempt failed; the task's retry and timeout decide.
            return ActionOutcome.Failure("HttpError", $"{request.Method} {url} failed: {e.GetType().Name}: {e.Message}");
        }
    }

    private static async Task<JsonElement> ResultAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("status", (int)response.StatusCode);
            writer.WriteStartObject("headers");
            foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
            {
                writer.WriteString(name.ToLowerInvariant(), string.Join(", ", values));
            }

            writer.WriteEndObject();
            writer.WritePropertyName("body");
            WriteBody(writer, text, response.Content.Headers.ContentType);
            writer.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    private static void WriteBody(Utf8JsonWriter writer, string text, MediaTypeHeaderValue? contentType)
    {
        if (text.Length == 0)
        {
            writer.WriteNullValue();
            return;
        }

        if (contentType?.MediaType is { } mediaType && (mediaType == "application/json" || mediaType.EndsWith("+json", StringComparison.Ordinal)))
        {
            try
            {
                using var json = JsonDocument.Parse(text);
                json.RootElement.WriteTo(writer);
                return;
            }
            catch (JsonException)
            {
            }
        }

        writer.WriteStringValue(text);
    }

    private static bool IsSuccess(JsonElement input, int status) =>
        input.TryGetProperty("success_codes", out var codes) && codes.ValueKind == JsonValueKind.Array
            ? codes.EnumerateArray().Any(c => c.ValueKind == JsonValueKind.Number && c.TryGetInt32(out var code) && code == status)
            : status is >= 200 and < 300;

    private static TimeSpan Timeout(JsonElement input) =>
        Text(input, "timeout") is { } text && TryParseDuration(text, out var timeout) ? timeout : DefaultTimeout;

    private static bool TryParseDuration(string text, out TimeSpan value)
    {
        try
        {
            value = System.Xml.XmlConvert.ToTimeSpan(text);
            return value > TimeSpan.Zero;
        }
        catch (FormatException)
        {
            value = default;
            return false;
        }
    }

    private static string? Text(JsonElement input, string name) =>
        input.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : value.ValueKind == JsonValueKind.Number ? value.GetRawText() : null;
}
