using WfaaS.Engine.Validation;

namespace WfaaS.Engine.Tests;

/// <summary>SPEC §1: the Engine references nothing but the BCL.</summary>
public sealed class EngineReferencesTests
{
    [Fact]
    public void EngineAssembly_ReferencedAssemblies_AreBaseClassLibraryOnly()
    {
        var references = typeof(DefinitionValidator).Assembly.GetReferencedAssemblies().Select(a => a.Name ?? string.Empty).ToList();

        var outsideBcl = references.Where(name =>
            !(name is "netstandard" or "mscorlib" or "System" || name.StartsWith("System.", StringComparison.Ordinal))
            || name.StartsWith("System.Net.Http", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(references);
        Assert.Empty(outsideBcl);
    }
}
