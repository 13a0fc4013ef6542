using FluentValidation;
using WfaaS.Api.Contracts;

namespace WfaaS.Api.Validation;

/// <summary>SPEC §6 <c>POST /approvals/{token}</c>: <c>{decision: approve|reject, comment?, by?}</c>.</summary>
internal sealed class ApprovalDecisionRequestValidator : AbstractValidator<ApprovalDecisionRequest>
{
    public ApprovalDecisionRequestValidator() =>
        RuleFor(r => r.Decision).Must(d => d is "approve" or "reject").OverridePropertyName("decision").WithMessage("'decision' must be 'approve' or 'reject'.");
}
