using System.Text.Json;
using FluentValidation;
using WfaaS.Api.Contracts;
using WfaaS.Scheduler.Triggers;
using WfaaS.Storage.Definitions;

namespace WfaaS.Api.Validation;

/// <summary>
/// SPEC §6 <c>POST /triggers</c>, every error at once: the shape, and that the workflow exists and
/// the input supplies what its latest version declares (so it reads definitions: a scoped validator).
/// </summary>
internal sealed partial class TriggerRequestValidator : AbstractValidator<TriggerRequest>
{
    public TriggerRequestValidator(DefinitionStore definitions)
    {
        RuleFor(r => r.Name).Must(n => n is not null && Name().IsMatch(n)).OverridePropertyName("name")
            .WithMessage("'name' must start with a letter and hold at most 100 letters, digits, '_', '.' or '-'.");
        RuleFor(r => r.Workflow).NotEmpty().OverridePropertyName("workflow").WithMessage("'workflow' is required.");
        RuleFor(r => r).CustomAsync(async (request, context, cancellationToken) =>
        {
            if (string.IsNullOrEmpty(request.Workflow))
            {
                return;
            }

            if (await definitions.FindRefAsync(request.Workflow, version: null, cancellationToken).ConfigureAwait(false) is not { } definition)
            {
                context.AddFailure("workflow", $"Workflow '{request.Workflow}' does not exist.");
                return;
            }

            var input = request.Input is { ValueKind: JsonValueKind.Object } given ? given : default;
            foreach (var name in (await definitions.PlanAsync(definition.Id, cancellationToken).ConfigureAwait(false)).Definition.MissingInputs(input))
            {
                context.AddFailure($"input.{name}", $"'{name}' is required by workflow '{definition.Name}'.");
            }
        });
        RuleFor(r => r.Input).Must(i => i is null || i.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Null)
            .OverridePropertyName("input").WithMessage("'input' must be an object.");
        RuleFor(r => r).Custom((request, context) =>
        {
            foreach (var (path, message) in TriggerSchedule.Check(request.Cron, request.TimeZone))
            {
                context.AddFailure(path, message);
            }
        });
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z][A-Za-z0-9_.-]{0,99}$")]
    private static partial System.Text.RegularExpressions.Regex Name();
}
