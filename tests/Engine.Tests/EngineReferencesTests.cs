using WfaaS.Engine.Validation;

namespace WfaaS.Engine.Tests;

/// <summary>SPEC §1: the Engine references nothing but the BCL and Jint (with its parser, Acornima).</summary>
public sealed class EngineReferencesTests
{
    [Fact]
    public void EngineAssembly_ReferencedAssemblies_AreBaseClassLibraryAndJintOnly()
    {
        var references = typeof(DefinitionValidator).Assembly.GetReferencedAssemblies().Select(a => a.Name ?? string.Empty).ToList();

        var outsideBcl = references.Where(name =>
            !(name is "netstandard" or "mscorlib" or "System" or "Jint" or "Acornima" || name.StartsWith("System.", StringComparison.Ordinal))
            || name.StartsWith("System.Net.Http", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(references);
        Assert.Empty(outsideBcl);
    }
}
