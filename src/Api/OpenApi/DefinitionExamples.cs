namespace WfaaS.Api.OpenApi;

/// <summary>
/// The example definition shown in Swagger UI, in both formats: the workflow every operation's
/// example runs (<see cref="OperationExamples.Scenario"/>), so it has a checkpoint on each side of a
/// delegate (<c>revert</c>, <c>run-to</c>), a heartbeat, an approval and a wait that holds the
/// execution unfinished for <c>cancel</c>.
/// </summary>
internal static class DefinitionExamples
{
    public const string Json = """
        {
          "name": "provision",
          "description": "Reserve, boot a VM elsewhere (it calls back), ask a person, then let it settle for an hour.",
          "input": ["image"],
          "output": ["vm", "approval"],
          "flow": {
            "type": "linear",
            "items": [
              { "task": "reserve", "action": "noop", "revert": { "action": "noop" } },
              { "checkpoint": "reserved" },
              { "task": "boot", "action": "delegate", "timeout": "P5D", "heartbeat": "PT1H", "provides": "vm" },
              { "checkpoint": "booted" },
              { "task": "approve", "action": "approval", "input": { "prompt": "Approve VM ${vm.id} from ${image}?" }, "provides": "approval" },
              { "task": "settle", "action": "wait", "input": { "duration": "PT1H" } }
            ]
          }
        }
        """;

    public const string Yaml = """
        name: provision
        description: Reserve, boot a VM elsewhere (it calls back), ask a person, then let it settle for an hour.
        input: [image]
        output: [vm, approval]
        flow:
          type: linear
          items:
            - task: reserve
              action: noop
              revert: {action: noop}
            - checkpoint: reserved
            - task: boot
              action: delegate
              timeout: P5D
              heartbeat: PT1H
              provides: vm
            - checkpoint: booted
            - task: approve
              action: approval
              input: {prompt: "Approve VM ${vm.id} from ${image}?"}
              provides: approval
            - task: settle
              action: wait
              input: {duration: PT1H}

        """;
}
