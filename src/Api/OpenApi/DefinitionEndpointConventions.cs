namespace WfaaS.Api.OpenApi;

internal static class DefinitionEndpointConventions
{
    /// <summary>The body is read by hand (JSON or YAML); <see cref="DefinitionRequestBodyFilter"/> documents it.</summary>
    public static RouteHandlerBuilder AcceptsDefinition(this RouteHandlerBuilder builder) =>
        builder.WithMetadata(new DefinitionBodyMetadata());

    public static RouteHandlerBuilder ProducesDefinitionProblems(this RouteHandlerBuilder builder) =>
        builder
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
}
