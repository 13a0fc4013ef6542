using FluentValidation;
using WfaaS.Api.Contracts;

namespace WfaaS.Api.Validation;

/// <summary>SPEC §5.5 <c>revert {to_checkpoint?, then?}</c>; whether the checkpoint exists is the engine's to say.</summary>
internal sealed class RevertRequestValidator : AbstractValidator<RevertRequest>
{
    public RevertRequestValidator() =>
        RuleFor(r => r.Then).Must(t => t is null or "stop" or "resume").OverridePropertyName("then").WithMessage("'then' must be 'stop' or 'resume'.");
}
