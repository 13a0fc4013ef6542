using static WfaaS.Engine.Tests.TestKit.DefinitionJson;

namespace WfaaS.Engine.Tests.Validation;

public sealed class OutputRuleTests
{
    [Fact]
    public void Check_OutputNeverProduced_IsAnError() =>
        AssertErrors(Validate(Workflow(Flow("linear", Noop("a", "\"provides\": \"x\"")), "\"input\": [\"i\"], \"output\": [\"i\", \"x\", \"y\"]")),
            ("output[2]", "'y' is neither a definition input nor provided by any task"));

    [Fact]
    public void Check_OutputFromInputsAndProvides_IsValid() =>
        AssertValid(Validate(Workflow(Flow("linear", Noop("a", "\"provides\": \"x\"")), "\"input\": [\"i\"], \"output\": [\"i\", \"x\"]")));

    [Fact]
    public void Check_EmptyOutput_IsValidAndMeansNoOutput()
    {
        var result = Validate(Workflow(Flow("linear", Noop("a", "\"provides\": \"x\"")), "\"output\": []"));

        AssertValid(result);
        Assert.Empty(result.Definition!.Output!.Value);
    }
}
