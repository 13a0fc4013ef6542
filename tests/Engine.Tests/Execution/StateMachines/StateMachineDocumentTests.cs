using WfaaS.Engine.Execution.StateMachines;

namespace WfaaS.Engine.Tests.Execution.StateMachines;

public sealed class StateMachineDocumentTests
{
    private const string UpdateVariable = "WFAAS_UPDATE_DOCS";

    [Fact]
    public void Document_MatchesTheTables()
    {
        var path = Path.Combine(RepositoryRoot(), "docs", "state-machines.md");
        var rendered = StateMachineDocument.Render();
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            File.WriteAllText(path, rendered);
        }

        Assert.True(File.Exists(path) && File.ReadAllText(path) == rendered,
            $"docs/state-machines.md is out of date. Regenerate it with: {UpdateVariable}=1 dotnet test tests/Engine.Tests --filter Document_MatchesTheTables");
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "WfaaS.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("WfaaS.sln not found above the test binaries.");
    }
}
