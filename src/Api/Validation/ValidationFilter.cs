using FluentValidation;

namespace WfaaS.Api.Validation;

/// <summary>Runs the FluentValidation validator of <typeparamref name="T"/>; failures are a 422 keyed by snake_case path.</summary>
internal sealed class ValidationFilter<T>(IValidator<T> validator) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (context.Arguments.OfType<T>().FirstOrDefault() is not { } request)
        {
            return Problems.Problems.BadRequest("The request body is missing.");
        }

        var result = await validator.ValidateAsync(request, context.HttpContext.RequestAborted).ConfigureAwait(false);
        return result.IsValid
            ? await next(context).ConfigureAwait(false)
            : Problems.Problems.Validation(
                "The request is invalid.",
                result.Errors.Select(e => new KeyValuePair<string, string>(e.PropertyName, e.ErrorMessage)));
    }
}
