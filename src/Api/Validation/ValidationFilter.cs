using FluentValidation;

namespace WfaaS.Api.Validation;

/// <summary>
/// Runs the FluentValidation validator of <typeparamref name="T"/> on the request body, the one way
/// every body is validated. Failures are a 422 keyed by snake_case path; for a body that reports to
/// a token (<see cref="MalformedWhenInvalid"/>) they are a 400, a body that does not fit its contract.
/// </summary>
internal sealed class ValidationFilter<T>(IValidator<T> validator) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        // A missing required body never gets here (binding refuses it); an optional one is valid.
        if (context.Arguments.OfType<T>().FirstOrDefault() is not { } request)
        {
            return await next(context).ConfigureAwait(false);
        }

        var result = await validator.ValidateAsync(request, context.HttpContext.RequestAborted).ConfigureAwait(false);
        if (result.IsValid)
        {
            return await next(context).ConfigureAwait(false);
        }

        var errors = result.Errors.Select(e => new KeyValuePair<string, string>(e.PropertyName, e.ErrorMessage));
        return context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<MalformedWhenInvalid>() is not null
            ? Problems.Problems.BadRequestWithErrors("The request body is malformed.", errors)
            : Problems.Problems.Validation("The request is invalid.", errors);
    }
}

/// <summary>Endpoint metadata: an invalid body is malformed (400), not a validation failure (422).</summary>
internal sealed class MalformedWhenInvalid;
