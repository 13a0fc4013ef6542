using System.Text.Json;

namespace WfaaS.Chaos.Client;

/// <summary>An HTTP answer from the service: its status and body.</summary>
internal sealed record Answer(int Status, string Body)
{
    public bool IsSuccess => Status is >= 200 and < 300;

    /// <summary>The body as JSON; a <see cref="ChaosFailure"/> when it is not.</summary>
    public JsonDocument Json()
    {
        try
        {
            return JsonDocument.Parse(Body);
        }
        catch (JsonException e)
        {
            throw new ChaosFailure($"The service answered {Status} with something that is not JSON: {Short(Body)}", e);
        }
    }

    public static string Short(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
