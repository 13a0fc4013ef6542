using Hangfire;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using WfaaS.Api;
using WfaaS.Api.Auth;
using WfaaS.Api.Endpoints;
using WfaaS.Api.Hosting;
using WfaaS.Api.Pages;
using WfaaS.Api.Problems;
using WfaaS.Storage;

// Slim: no IIS, HTTPS configuration or QUIC, which the service does not use (docs/memory.md).
var builder = WebApplication.CreateSlimBuilder(args);
builder.WebHost.UseDefaultUrlUnlessConfigured(builder.Configuration);
builder.Services.AddWfaasApi(builder.Configuration);

var app = builder.Build();
await app.Services.MigrateWfaasDatabaseAsync();

app.UseExceptionHandler();
app.UseStatusCodePages(StatusCodeProblems.WriteAsync);
app.UseMiddleware<RequestSizeLimitMiddleware>();
app.UseMiddleware<Utf8BodyMiddleware>();
app.UseAuthentication();
app.UseAuthorization();

app.UseSwagger();
app.UseSwaggerUI(ui => ui.SwaggerEndpoint("/swagger/v1/swagger.json", "WfaaS v1"));
app.UseHangfireDashboard("/hangfire", new DashboardOptions
{
    Authorization = [new HangfireDashboardAuthorization(app.Services.GetRequiredService<ApiKeyOptions>())],
});
if (!app.Services.GetRequiredService<ApiKeyOptions>().Enabled)
{
    Log.AuthDisabled(app.Logger);
}

// SPEC §10: always on; with API keys, any role's key.
app.MapPrometheusScrapingEndpoint("/metrics").RequireAuthorization(Policies.Reader);
app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });

var api = app.MapGroup("/api/v1");
api.MapWorkflowEndpoints();
api.MapExecutionEndpoints();
api.MapCallbackEndpoints();
api.MapApprovalEndpoints();
api.MapTriggerEndpoints();
api.MapSchemaEndpoints();
app.MapPages();

await app.RunAsync();

/// <summary>The entry point, public for WebApplicationFactory.</summary>
public partial class Program;
