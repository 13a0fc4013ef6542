using FluentValidation;
using WfaaS.Api.Contracts;

namespace WfaaS.Api.Validation;

/// <summary>SPEC §6 <c>POST /callbacks/{token}</c>: <c>{status: success|failure, result?, error?: {type?, message}}</c>.</summary>
internal sealed class CallbackRequestValidator : AbstractValidator<CallbackRequest>
{
    public CallbackRequestValidator()
    {
        RuleFor(r => r.Status).Must(s => s is "success" or "failure").OverridePropertyName("status").WithMessage("'status' must be 'success' or 'failure'.");
        RuleFor(r => r.Error!.Message).NotEmpty().When(r => r.Error is not null)
            .OverridePropertyName("error.message").WithMessage("'error.message' is required when 'error' is given.");
    }
}
