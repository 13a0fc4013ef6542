namespace WfaaS.Api.Hosting;

internal static class DefaultUrls
{
    public const string Default = "http://localhost:8080";

    /// <summary>SPEC §2: listen on http://localhost:8080 unless ASPNETCORE_URLS, --urls or Kestrel settings say otherwise.</summary>
    public static void UseDefaultUrlUnlessConfigured(this ConfigureWebHostBuilder webHost, IConfiguration configuration)
    {
        var configured = !string.IsNullOrEmpty(configuration["urls"])
            || !string.IsNullOrEmpty(configuration["http_ports"])
            || !string.IsNullOrEmpty(configuration["https_ports"])
            || configuration.GetSection("Kestrel:Endpoints").Exists();
        if (!configured)
        {
            webHost.UseUrls(Default);
        }
    }
}
