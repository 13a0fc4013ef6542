using FluentValidation;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.OpenApi;
using WfaaS.Api.Auth;
using WfaaS.Api.OpenApi;
using WfaaS.Api.Problems;
using WfaaS.Api.Telemetry;
using WfaaS.Scheduler;
using WfaaS.Storage;

namespace WfaaS.Api.Hosting;

internal static class ApiServiceCollectionExtensions
{
    public static IServiceCollection AddWfaasApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddWfaasStorage(configuration);
        services.AddWfaasScheduler(configuration);
        services.AddWfaasAuth(configuration);
        services.AddWfaasTelemetry(configuration);

        services.Configure<RequestLimits>(configuration.GetSection(RequestLimits.SectionName));
        services.Configure<KestrelServerOptions>(kestrel =>
            kestrel.Limits.MaxRequestBodySize = configuration.GetSection(RequestLimits.SectionName).Get<RequestLimits>()?.MaxRequestBytes
                ?? new RequestLimits().MaxRequestBytes);
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(o => JsonSettings.Apply(o.SerializerOptions));
        services.Configure<Microsoft.AspNetCore.Mvc.JsonOptions>(o => JsonSettings.Apply(o.JsonSerializerOptions));

        services.AddSingleton(provider => new PublicUrls(
            configuration["PublicBaseUrl"],
            () => provider.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()));
        services.AddSingleton<Scheduler.Runners.ICallbackUrls>(provider => provider.GetRequiredService<PublicUrls>());
        services.AddSingleton(provider => new Scheduler.Runners.ListenAddresses(
            () => provider.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses ?? []));
        services.AddScoped<Endpoints.WaitingViewFactory>();
        services.AddValidatorsFromAssemblyContaining<Program>(
            ServiceLifetime.Singleton, filter: v => v.ValidatorType != typeof(Validation.TriggerRequestValidator), includeInternalTypes: true);
        services.AddScoped<FluentValidation.IValidator<Contracts.TriggerRequest>, Validation.TriggerRequestValidator>();
        services.AddAntiforgery(o =>
        {
            // SPEC §11: the approval and key forms; the pages set their own X-Frame-Options.
            o.Cookie.Name = "wfaas_antiforgery";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.HttpOnly = true;
            o.FormFieldName = "__antiforgery";
            o.SuppressXFrameOptionsHeader = true;
        });
        services.AddProblemDetails();
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.AddHealthChecks().AddDbContextCheck<WfaasDbContext>(tags: ["ready"]);

        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(swagger =>
        {
            swagger.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "WfaaS",
                Version = "v1",
                Description = "Workflow-as-a-service: post workflow definitions, start executions, follow every state change.",
            });
            swagger.AddSecurityDefinition(ApiKeyAuthenticationHandler.SchemeName, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = ApiKeyAuthenticationHandler.HeaderName,
                Description = "Needed when the service has Auth__ApiKeys: reader (GET), operator (executions and commands), admin (everything).",
            });
            swagger.AddSecurityRequirement(document => new OpenApiSecurityRequirement
            {
                [new OpenApiSecuritySchemeReference(ApiKeyAuthenticationHandler.SchemeName, document)] = [],
            });
            swagger.OperationFilter<DefinitionRequestBodyFilter>();
            swagger.OperationFilter<ExamplesFilter>();
            // Paths in the order of the example scenario, so Swagger UI shows its steps about top to bottom.
            swagger.OrderActionsBy(ExamplesFilter.SortKey);
            swagger.SupportNonNullableReferenceTypes();
            swagger.IncludeXmlComments(typeof(Program).Assembly);
        });
        return services;
    }
}
