namespace WfaaS.Api.OpenApi;

/// <summary>The example definition shown in Swagger UI and the README, in both formats.</summary>
internal static class DefinitionExamples
{
    public const string Json = """
        {
          "name": "hello",
          "description": "Echo a greeting, then finish.",
          "input": ["who"],
          "output": ["greeting"],
          "flow": {
            "type": "linear",
            "items": [
              { "task": "greet", "action": "echo", "input": { "value": "Hello, ${who}!" }, "provides": "greeting" },
              { "task": "done", "action": "noop" }
            ]
          }
        }
        """;

    public const string Yaml = """
        name: hello
        description: Echo a greeting, then finish.
        input: [who]
        output: [greeting]
        flow:
          type: linear
          items:
            - task: greet
              action: echo
              input: {value: "Hello, ${who}!"}
              provides: greeting
            - task: done
              action: noop

        """;
}
