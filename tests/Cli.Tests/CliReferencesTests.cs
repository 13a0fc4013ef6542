namespace WfaaS.Cli.Tests;

/// <summary>The CLI is a client of the wire contract (SPEC §6, §11): it references none of the service's assemblies.</summary>
public sealed class CliReferencesTests
{
    [Fact]
    public void Cli_ReferencesNoServiceAssembly()
    {
        var references = typeof(WfaasCli).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.Contains("System.CommandLine", references);
        Assert.DoesNotContain(references, name => name.StartsWith("WfaaS.", StringComparison.Ordinal));
    }
}
