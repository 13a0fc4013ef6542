namespace WfaaS.Cli.Tests.TestHost;

/// <summary>Definition files for <c>wfaas workflow push</c>, each under a name no other test uses.</summary>
public static class Definitions
{
    public static string UniqueName(string stem) => $"{stem}-{Guid.NewGuid():N}"[..(stem.Length + 9)];

    /// <summary>Writes <paramref name="text"/> to a fresh file ending in <paramref name="extension"/>.</summary>
    public static string File(string text, string extension)
    {
        var directory = Path.Combine(Path.GetTempPath(), "wfaas-cli-tests");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"{Guid.NewGuid():N}{extension}");
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    /// <summary>Two local tasks: <c>greet</c> echoes, <c>done</c> does nothing.</summary>
    public static string HelloYaml(string name) => $$"""
        name: {{name}}
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

    /// <summary>a and b succeed, c fails: the execution ends REVERTED.</summary>
    public static string UndoJson(string name) => $$$"""
        {"name": "{{{name}}}", "flow": {"type": "linear", "items": [
          {"task": "a", "action": "noop", "revert": {"action": "noop"}},
          {"task": "b", "action": "noop"},
          {"task": "c", "action": "fail", "input": {"message": "disk full", "type": "DiskFull"}}
        ]}}
        """;

    /// <summary><paramref name="count"/> <c>noop</c> tasks in a row: two transitions each, so a history of several pages.</summary>
    public static string ManyTasksJson(string name, int count) =>
        $"{{\"name\": \"{name}\", \"flow\": {{\"type\": \"linear\", \"items\": ["
        + string.Join(", ", Enumerable.Range(1, count).Select(i => $"{{\"task\": \"t{i}\", \"action\": \"noop\"}}"))
        + "]}}";

    /// <summary>The README's provision example: a delegate, an approval, then a short durable wait.</summary>
    public static string ProvisionYaml(string name) => $$"""
        name: {{name}}
        input: [image]
        output: [vm, approval]
        flow:
          type: linear
          items:
            - task: boot
              action: delegate
              timeout: P5D
              provides: vm
            - task: approve
              action: approval
              input: {prompt: "Approve VM ${vm.id} from ${image}?"}
              provides: approval
            - task: settle
              action: wait
              input: {duration: PT1S}
        """;
}
