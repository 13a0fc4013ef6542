using WfaaS.Engine.Binding;
using WfaaS.Engine.Definitions;
using WfaaS.Engine.Tests.Validation;
using static WfaaS.Engine.Tests.TestKit.DefinitionJson;

namespace WfaaS.Engine.Tests.Definitions;

public sealed class DefinitionReaderTests
{
    [Fact]
    public void Read_SpecExample_BuildsTheModel()
    {
        var definition = Validate(DefinitionValidatorTests.SpecExample).Definition!;

        Assert.Equal(["flavor", "image"], definition.Input);
        Assert.Equal(["vm_id", "approval"], definition.Output!.Value);
        Assert.Equal(FailureStrategy.RevertAll, definition.OnFailure);
        Assert.Equal(FlowType.Linear, definition.Flow.Type);
        Assert.Equal("flow", definition.Flow.Path);
        Assert.Null(definition.Repeat);

        var reserve = Assert.IsType<TaskNode>(definition.Flow.Items[0]);
        Assert.Equal("reserve", reserve.Name);
        Assert.Equal("http", reserve.Action);
        Assert.Equal("flow.items[0]", reserve.Path);
        Assert.Null(reserve.Provides!.WholeName);
        Assert.Equal(new ProvidedPath("reservation_id", new SymbolPath(["body", "id"])), Assert.Single(reserve.Provides.Paths));
        Assert.Equal(3, reserve.Retry!.Count);
        Assert.Equal(TimeSpan.FromSeconds(2), reserve.Retry.Delay);
        Assert.Equal(BackoffKind.Exponential, reserve.Retry.Backoff);
        Assert.Equal("http", reserve.Revert!.Action);
        Assert.Equal(["flavor"], reserve.RequiredSymbols());
        Assert.Equal(["reservation_id"], reserve.ProvidedSymbols);
        Assert.Empty(reserve.RevertRequiredSymbols());

        var checkpoint = Assert.IsType<CheckpointNode>(definition.Flow.Items[1]);
        Assert.Equal(new CheckpointNode("reserved", null, null, "flow.items[1]"), checkpoint);

        var boot = Assert.IsType<TaskNode>(definition.Flow.Items[2]);
        Assert.Equal(TimeSpan.FromDays(5), boot.Timeout);
        Assert.Equal(TimeSpan.FromHours(1), boot.Heartbeat);
        Assert.Equal("vm_id", boot.Provides!.WholeName);
        Assert.Equal(["image", "reservation_id"], boot.RequiredSymbols());

        Assert.Equal(["reservation_id", "vm_id", "approval"], definition.Flow.ProvidedSymbols());
        Assert.Equal(3, definition.Tasks().Count());
    }

    [Fact]
    public void Read_OptionalParts_AreReadIntoTheModel()
    {
        var json = Workflow(
            """
            {"type": "linear", "name": "main", "repeat": {"every": "PT1H", "times": 3}, "items": [
              {"checkpoint": "start", "retry": {"count": 2, "delay": "PT5S"}, "retention": {"keep_checkpoints": 3, "keep_for": "P3D"}},
              {"flow": {"type": "graph", "name": "inner", "retry": {"count": 1}, "items": [
                {"task": "t", "action": "fail", "input": {"message": "no"}, "requires": ["seed"], "description": "fails",
                 "retry": {"count": 0, "max_delay": "PT1M", "on": ["HttpError", "Timeout"]}}
              ]}}
            ]}
            """,
            "\"input\": [\"seed\"], \"on_failure\": \"revert_to_checkpoint\"");

        var definition = Validate(json).Definition!;

        Assert.Equal(new RepeatPolicy(TimeSpan.FromHours(1), 3), definition.Repeat);
        Assert.Equal(FailureStrategy.RevertToCheckpoint, definition.OnFailure);
        Assert.Null(definition.Output);
        Assert.Equal("main", definition.Flow.Name);
        var checkpoint = Assert.IsType<CheckpointNode>(definition.Flow.Items[0]);
        Assert.Equal(new ScopeRetry(2, TimeSpan.FromSeconds(5)), checkpoint.Retry);
        Assert.Equal(new RetentionPolicy(3, TimeSpan.FromDays(3)), checkpoint.Retention);
        var inner = Assert.IsType<FlowNode>(definition.Flow.Items[1]);
        Assert.Equal(("inner", FlowType.Graph, "flow.items[1].flow"), (inner.Name, inner.Type, inner.Path));
        Assert.Equal(new ScopeRetry(1, TimeSpan.Zero), inner.Retry);
        var task = Assert.IsType<TaskNode>(Assert.Single(inner.Items));
        Assert.Equal(["seed"], task.Requires);
        Assert.Equal("fails", task.Description);
        Assert.Equal(BackoffKind.Fixed, task.Retry!.Backoff);
        Assert.Equal(TimeSpan.FromMinutes(1), task.Retry.MaxDelay);
        Assert.Equal(["HttpError", "Timeout"], task.Retry.On);
    }

    [Fact]
    public void Read_RepeatOnTheDefinition_IsReadIntoTheModel()
    {
        var result = Validate(Workflow(Flow("linear", Noop("a")), "\"repeat\": {\"every\": \"P1D\"}"));

        Assert.Equal(new RepeatPolicy(TimeSpan.FromDays(1), null), result.Definition!.Repeat);
    }

    [Fact]
    public void Read_MissingRequiredProperties_ReportsEach()
    {
        AssertErrors(Validate("{}"),
            ("name", "required property 'name' is missing"),
            ("flow", "required property 'flow' is missing"));
        AssertErrors(Validate("""{"name": "wf", "flow": {}}"""),
            ("flow.type", "required property 'type' is missing"),
            ("flow.items", "required property 'items' is missing"));
        AssertErrors(Validate(Linear("""{"task": "a"}""", """{"action": "noop", "task": null}""")),
            ("flow.items[0].action", "required property 'action' is missing"),
            ("flow.items[1].task", "must be a string, not null"));
    }

    [Fact]
    public void Read_WrongTypes_AreErrorsNotExceptions()
    {
        var json = """
            {"name": 5, "description": [], "input": "a", "output": {"a": 1}, "on_failure": true,
             "flow": {"type": "linear", "name": 1, "items": [
               {"task": "a", "action": "noop", "requires": [1, null], "provides": 3, "revert": "x", "retry": [],
                "timeout": 30, "after": "b", "description": {}}
             ]}}
            """;

        AssertErrors(Validate(json),
            ("name", "must be a string, not a number"),
            ("description", "must be a string, not an array"),
            ("input", "must be an array of names, not a string"),
            ("output", "must be an array of names, not an object"),
            ("on_failure", "must be a string, not a boolean"),
            ("flow.name", "must be a string, not a number"),
            ("flow.items[0].requires[0]", "must be a name, not a number"),
            ("flow.items[0].requires[1]", "must be a name, not null"),
            ("flow.items[0].provides", "must be a name or an object of name: path, not a number"),
            ("flow.items[0].revert", "must be an object, not a string"),
            ("flow.items[0].retry", "must be an object, not an array"),
            ("flow.items[0].timeout", "must be an ISO 8601 duration string such as PT30S, not a number"),
            ("flow.items[0].after", "must be an array of names, not a string"),
            ("flow.items[0].description", "must be a string, not an object"));
    }

    [Fact]
    public void Read_WrongTypesCorrected_IsValid()
    {
        var json = """
            {"name": "wf", "description": "d", "input": ["a"], "output": ["a"], "on_failure": "pause",
             "flow": {"type": "linear", "name": "f", "items": [
               {"task": "t", "action": "noop", "requires": ["a"], "provides": "p", "revert": {"action": "noop"}, "retry": {"count": 1},
                "timeout": "PT30S", "description": "x"}
             ]}}
            """;

        AssertValid(Validate(json));
    }

    [Fact]
    public void Read_UnknownProperties_AreErrorsAtTheirPath()
    {
        var json = """
            {"name": "wf", "descripton": "typo", "flow": {"type": "linear", "itemz": [], "items": [
              {"task": "a", "action": "noop", "provide": "x"},
              {"checkpoint": "c", "retension": {}},
              {"flow": {"type": "linear", "items": [{"task": "b", "action": "noop", "retry": {"count": 1, "delays": "PT1S"}}]}, "after": []}
            ]}}
            """;

        AssertErrors(Validate(json),
            ("descripton", "unknown property 'descripton'"),
            ("flow.itemz", "unknown property 'itemz'"),
            ("flow.items[0].provide", "unknown property 'provide'"),
            ("flow.items[1].retension", "unknown property 'retension'"),
            ("flow.items[2].after", "unknown property 'after'"),
            ("flow.items[2].flow.items[0].retry.delays", "unknown property 'delays'"));
    }

    [Fact]
    public void Read_UnknownPropertiesCorrected_IsValid()
    {
        var json = """
            {"name": "wf", "description": "typo", "flow": {"type": "linear", "items": [
              {"task": "a", "action": "noop", "provides": "x"},
              {"checkpoint": "c", "retention": {"keep_for": "P1D"}},
              {"flow": {"type": "linear", "items": [{"task": "b", "action": "noop", "retry": {"count": 1, "delay": "PT1S"}}]}}
            ]}}
            """;

        AssertValid(Validate(json));
    }

    [Fact]
    public void Read_OddPropertyNames_AreQuotedInPaths()
    {
        AssertErrors(Validate("""{"name": "wf", "a b": 1, "x'y": 2, "flow": {"type": "linear", "items": [{"task": "a", "action": "noop"}]}}"""),
            ("['a b']", "unknown property 'a b'"),
            ("['x\\'y']", "unknown property 'x'y'"));
    }

    [Fact]
    public void Read_DuplicateProperty_IsAnError()
    {
        AssertErrors(Validate("""{"name": "wf", "name": "wf2", "flow": {"type": "linear", "items": [{"task": "a", "action": "noop"}]}}"""),
            ("name", "duplicate property 'name'"));
    }

    [Fact]
    public void Read_BadFlowShape_ReportsEach()
    {
        AssertErrors(Validate(Workflow("""{"type": "sequential", "items": []}""")),
            ("flow.type", "must be one of 'linear', 'unordered', 'graph', not 'sequential'"),
            ("flow.items", "a flow must have at least one item"));
        AssertErrors(Validate(Workflow("""{"type": "linear", "items": {}}""")),
            ("flow.items", "must be an array of items, not an object"));
        AssertErrors(Validate(Workflow("[]")), ("flow", "must be an object, not an array"));
    }

    [Fact]
    public void Read_BadItems_ReportsEach()
    {
        AssertErrors(Validate(Linear("\"a\"", """{"task": "a", "flow": {}}""", "{}", """{"flow": []}""", """{"task": "b", "action": "noop", "checkpoint": "c", "flow": {}}""")),
            ("flow.items[0]", "an item must be an object with one of 'task', 'flow' or 'checkpoint', not a string"),
            ("flow.items[1]", "an item must have exactly one of 'task', 'flow' or 'checkpoint', not 'task' and 'flow'"),
            ("flow.items[2]", "an item must have exactly one of 'task', 'flow' or 'checkpoint'"),
            ("flow.items[3].flow", "must be an object, not an array"),
            ("flow.items[4]", "an item must have exactly one of 'task', 'flow' or 'checkpoint', not 'task' and 'flow' and 'checkpoint'"));
    }

    [Fact]
    public void Read_BadItemsCorrected_IsValid() =>
        AssertValid(Validate(Linear(Noop("a"), Nested("linear", Noop("b")), Checkpoint("c"))));

    [Fact]
    public void Read_DuplicateInputAndOutputNames_AreErrors()
    {
        AssertErrors(Validate(Workflow(Flow("linear", Noop("t")), "\"input\": [\"a\", \"b\", \"a\"], \"output\": [\"b\", \"b\"]")),
            ("input[2]", "'a' is listed twice (first at input[0])"),
            ("output[1]", "'b' is listed twice (first at output[0])"));
        AssertValid(Validate(Workflow(Flow("linear", Noop("t")), "\"input\": [\"a\", \"b\"], \"output\": [\"b\"]")));
    }

    [Fact]
    public void Read_BadOnFailure_IsAnError()
    {
        AssertErrors(Validate(Workflow(Flow("linear", Noop("t")), "\"on_failure\": \"retry\"")),
            ("on_failure", "must be one of 'revert_all', 'revert_to_checkpoint', 'pause', not 'retry'"));
    }

    [Fact]
    public void Read_BadRepeat_ReportsEach()
    {
        AssertErrors(Validate(Workflow(Flow("linear", Noop("t")), "\"repeat\": {\"times\": 0}")),
            ("repeat.every", "required property 'every' is missing"),
            ("repeat.times", "must be at least 1"));
        AssertErrors(Validate(Workflow(Flow("linear", Nested("linear", Noop("t"))).Replace("\"items\": [{\"task\"", "\"repeat\": {\"every\": \"PT1H\"}, \"items\": [{\"task\"", StringComparison.Ordinal))),
            ("flow.items[0].flow.repeat", "'repeat' is only allowed on the root flow"));
        AssertErrors(Validate(Workflow("""{"type": "linear", "repeat": {"every": "PT1H"}, "items": [{"task": "t", "action": "noop"}]}""", "\"repeat\": {\"every\": \"PT2H\"}")),
            ("flow.repeat", "'repeat' is given both on the definition and on its root flow; keep one"));
        AssertValid(Validate(Workflow(Flow("linear", Noop("t")), "\"repeat\": {\"every\": \"PT1H\", \"times\": 1}")));
    }

    [Fact]
    public void Read_BadRetry_ReportsEach()
    {
        AssertErrors(Validate(Linear(Noop("t", """ "retry": {"count": -1, "delay": "PT10S", "backoff": "linear", "max_delay": "PT5S", "on": ["", 4]}"""))),
            ("flow.items[0].retry.count", "must be at least 0"),
            ("flow.items[0].retry.backoff", "must be one of 'fixed', 'exponential', not 'linear'"),
            ("flow.items[0].retry.max_delay", "must not be shorter than 'delay'"),
            ("flow.items[0].retry.on[0]", "must be a non-empty error type string"),
            ("flow.items[0].retry.on[1]", "must be a non-empty error type string"));
        AssertErrors(Validate(Linear(Noop("t", """ "retry": {"count": 1.5}"""))),
            ("flow.items[0].retry.count", "must be a whole number"));
        AssertErrors(Validate(Linear(Noop("t", """ "retry": {}"""))),
            ("flow.items[0].retry.count", "required property 'count' is missing"));
        AssertValid(Validate(Linear(Noop("t", """ "retry": {"count": 0, "delay": "PT0S", "backoff": "exponential", "max_delay": "PT5S", "on": ["HttpError"]}"""))));
    }

    [Fact]
    public void Read_BadScopeRetryAndRetention_ReportsEach()
    {
        var json = Linear(
            """{"checkpoint": "c", "retry": {"count": "2", "backoff": "fixed"}, "retention": {}}""",
            """{"checkpoint": "d", "retention": {"keep_checkpoints": 0, "keep_for": "PT0S"}}""",
            """{"flow": {"type": "linear", "retry": {"delay": "PT1S"}, "items": [{"task": "t", "action": "noop"}]}}""");

        AssertErrors(Validate(json),
            ("flow.items[0].retry.backoff", "unknown property 'backoff'"),
            ("flow.items[0].retry.count", "must be a whole number, not a string"),
            ("flow.items[0].retention", "set 'keep_checkpoints', 'keep_for' or both"),
            ("flow.items[1].retention.keep_checkpoints", "must be at least 1"),
            ("flow.items[1].retention.keep_for", "must be longer than zero"),
            ("flow.items[2].flow.retry.count", "required property 'count' is missing"));
    }

    [Fact]
    public void Read_BadProvides_ReportsEach()
    {
        AssertErrors(Validate(Linear(Noop("t", """ "provides": {"a": "body..id", "b": 1, "c": "", "ctx": "x"}"""), Noop("u", """ "provides": {}"""))),
            ("flow.items[0].provides.a", "'body..id' is not a path into the result: use '.'-separated segments of letters, digits, '_' or '-', such as body.items.0.id"),
            ("flow.items[0].provides.b", "must be a dotted path into the result, such as body.id, not a number"),
            ("flow.items[0].provides.c", "'' is not a path into the result: use '.'-separated segments of letters, digits, '_' or '-', such as body.items.0.id"),
            ("flow.items[0].provides.ctx", "'ctx' is reserved for context values (${ctx.*}) and cannot name a symbol"),
            ("flow.items[1].provides", "must provide at least one name"));
        AssertValid(Validate(Linear(Noop("t", """ "provides": {"a": "body.items.0.id", "b": "status"}"""), Noop("u", """ "provides": "c" """))));
    }

    [Fact]
    public void Read_LoneSurrogateStrings_AreErrorsNotExceptions()
    {
        AssertErrors(Validate("""{"name": "\ud800", "flow": {"type": "linear", "items": [{"task": "a", "action": "echo", "input": {"value": "\udc00"}}]}}"""),
            ("name", "contains an escaped lone surrogate, which is not valid text"),
            ("flow.items[0].input.value", "contains an escaped lone surrogate, which is not valid text"));
    }
}
