using System.Net.Http.Headers;
using System.Text;

namespace WfaaS.Api.Tests.TestHost;

internal static class Bodies
{
    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static StringContent Yaml(string yaml, string mediaType = "application/yaml") => new(yaml, Encoding.UTF8, mediaType);

    public static ByteArrayContent Raw(byte[] bytes, string? mediaType)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = mediaType is null ? null : MediaTypeHeaderValue.Parse(mediaType);
        return content;
    }

    /// <summary>A valid linear definition named <paramref name="name"/>; <paramref name="value"/> varies its text.</summary>
    public static string Definition(string name, string value = "hi") => $$"""
        {
          "name": "{{name}}",
          "input": ["who"],
          "flow": {
            "type": "linear",
            "items": [
              { "task": "greet", "action": "echo", "input": { "value": "{{value}} ${who}" }, "provides": "greeting" },
              { "task": "done", "action": "noop" }
            ]
          }
        }
        """;

    public static string YamlDefinition(string name) => $$"""
        name: {{name}}
        input: [who]
        flow:
          type: linear
          items:
            - task: greet
              action: echo
              input: {value: "hi ${who}"}
              provides: greeting
            - task: done
              action: noop
        """;

    public static string UniqueName(string prefix = "wf") => $"{prefix}-{Guid.NewGuid():N}"[..20];
}
