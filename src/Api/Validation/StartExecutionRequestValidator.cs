using System.Text.Json;
using FluentValidation;
using WfaaS.Api.Contracts;

namespace WfaaS.Api.Validation;

/// <summary>The shape of <c>POST /executions</c>; whether the workflow exists and its input fits is checked after.</summary>
internal sealed class StartExecutionRequestValidator : AbstractValidator<StartExecutionRequest>
{
    public StartExecutionRequestValidator()
    {
        RuleFor(r => r.Workflow).NotEmpty().OverridePropertyName("workflow").WithMessage("'workflow' is required.");
        RuleFor(r => r.Version).GreaterThanOrEqualTo(1).OverridePropertyName("version").WithMessage("'version' must be 1 or more.");
        RuleFor(r => r.Input)
            .Must(input => input is null || input.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Null)
            .OverridePropertyName("input").WithMessage("'input' must be an object.");
        RuleFor(r => r.StopAt).NotEmpty().When(r => r.StopAt is not null).OverridePropertyName("stop_at").WithMessage("'stop_at' must name a checkpoint.");
    }
}
