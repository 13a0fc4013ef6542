using FluentValidation;
using WfaaS.Api.Contracts;

namespace WfaaS.Api.Validation;

/// <summary>SPEC §5.5 <c>run-to {checkpoint}</c>.</summary>
internal sealed class RunToRequestValidator : AbstractValidator<RunToRequest>
{
    public RunToRequestValidator() =>
        RuleFor(r => r.Checkpoint).NotEmpty().OverridePropertyName("checkpoint").WithMessage("'checkpoint' is required.");
}
