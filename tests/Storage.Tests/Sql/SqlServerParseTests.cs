using System.Collections.Immutable;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using WfaaS.Engine.Execution;
using WfaaS.Engine.Execution.Effects;
using WfaaS.Engine.Execution.StateMachines;
using WfaaS.Storage.Entities;
using WfaaS.Storage.Executions;
using WfaaS.Storage.Providers.SqlServer;
using WfaaS.Storage.Sql;

namespace WfaaS.Storage.Tests.Sql;

/// <summary>
/// SQL Server cannot run here, so its write path never ran. Microsoft's own T-SQL parser reads (a)
/// the SQL Server migrations script and (b) every statement shape the step write path and the hot
/// reads send, built by <see cref="RowSql"/> on the SQL Server model: each parses without an error,
/// is the one statement it should be, binds exactly its parameters, and names only tables and
/// columns the migrations create. What this does not prove: docs/sqlserver.md.
/// </summary>
public sealed class SqlServerParseTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 8, 0, 0, TimeSpan.Zero);

    private readonly SqlServerWfaasDbContext _db = DesignTimeContext();

    public static TheoryData<string> Parsers => [nameof(TSql160Parser), nameof(TSql180Parser)];

    /// <summary>
    /// Every RowSql call in Storage, per file. A new call fails here until its shape is added to
    /// <see cref="StepWritePathStatements"/> (and so parsed).
    /// </summary>
    private static readonly Dictionary<string, int> CallSites = new(StringComparer.Ordinal)
    {
        ["Executions/ExecutionRows.cs"] = 1,
        ["Executions/ExecutionStore.cs"] = 1,
        ["Executions/HistoryRetention.cs"] = 4,
        ["Executions/StepStatements.cs"] = 11,
        ["HotReads.cs"] = 6,
    };

    public void Dispose() => _db.Dispose();

    [Theory]
    [MemberData(nameof(Parsers))]
    public void MigrationScript_ParsesAndCreatesExactlyTheModelsTablesColumnsAndIndexes(string parser)
    {
        var script = _db.GetService<IMigrator>().GenerateScript();

        var schema = Schema(Parse(parser, script));

        var model = _db.Model.GetEntityTypes().ToDictionary(
            e => e.GetTableName()!,
            e => e.GetProperties().Select(p => p.GetColumnName(StoreObjectIdentifier.Table(e.GetTableName()!, e.GetSchema()))!).Order(StringComparer.Ordinal).ToList(),
            StringComparer.Ordinal);
        model[HistoryRepository.DefaultTableName] = ["MigrationId", "ProductVersion"];
        Assert.Equal(model.Keys.Order(StringComparer.Ordinal), schema.Tables.Keys.Order(StringComparer.Ordinal));
        Assert.All(model, table => Assert.Equal(table.Value, schema.Tables[table.Key].Order(StringComparer.Ordinal)));

        var indexes = _db.Model.GetEntityTypes().SelectMany(e => e.GetIndexes().Select(i =>
            $"{e.GetTableName()}.{i.GetDatabaseName()}({string.Join(",", i.Properties.Select(p => p.GetColumnName()))}){(i.IsUnique ? " unique" : "")}{(i.GetFilter() is { } f ? " where " + f : "")}"));
        Assert.Equal(indexes.Order(StringComparer.Ordinal), schema.Indexes.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Parsers))]
    public void IdempotentMigrationScript_Parses(string parser)
    {
        var script = _db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        var parsed = Parse(parser, script);

        Assert.NotEmpty(Schema(parsed).Tables);
        // Statements EF wraps in EXEC(N'…') are strings to the parser: parse them too.
        foreach (var wrapped in parsed.Collect<ExecuteStatement>().Select(e => e.ExecuteSpecification.ExecutableEntity).OfType<ExecutableStringList>())
        {
            Parse(parser, string.Concat(wrapped.Strings.OfType<StringLiteral>().Select(s => s.Value)));
        }
    }

    [Theory]
    [MemberData(nameof(Parsers))]
    public void StepWritePathStatements_EachParsesAsOneStatementOverTheMigratedSchema(string parser)
    {
        var schema = Schema(Parse(parser, _db.GetService<IMigrator>().GenerateScript()));
        var statements = StepWritePathStatements();

        Assert.Equal(28, statements.Count);
        Assert.All(statements, s => AssertStatement(parser, schema, s.Name, s.Kind, s.Statement));
    }

    [Fact]
    public void StepWritePathStatements_CoverEveryRowSqlCallInStorage()
    {
        var storage = Path.Combine(RepositoryRoot(), "src", "Storage");
        var found = Directory.EnumerateFiles(storage, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => (File: Path.GetRelativePath(storage, f).Replace(Path.DirectorySeparatorChar, '/'), Calls: RowSqlCall.Count(File.ReadAllText(f))))
            .Where(f => f.Calls > 0 && f.File != "Sql/RowSql.cs")
            .ToDictionary(f => f.File, f => f.Calls, StringComparer.Ordinal);

        Assert.True(
            CallSites.Count == found.Count && CallSites.All(c => found.GetValueOrDefault(c.Key) == c.Value),
            "RowSql calls in src/Storage changed: " + string.Join(", ", found.Select(f => $"{f.Key}: {f.Value}"))
            + ". Add each new statement shape to SqlServerParseTests.StepWritePathStatements, then update CallSites.");
    }

    [Theory]
    [MemberData(nameof(Parsers))]
    public void BrokenStatements_AreCaught(string parser)
    {
        var schema = Schema(Parse(parser, _db.GetService<IMigrator>().GenerateScript()));
        var sql = NewRowSql();
        var update = sql.Update<TokenEntity>([(nameof(TokenEntity.State), "VOIDED")], [(nameof(TokenEntity.Hash), "h")]);

        // Not T-SQL: PostgreSQL's RETURNING, and a syntax error.
        Assert.NotEmpty(Errors(parser, update.Sql + " RETURNING [hash]"));
        Assert.NotEmpty(Errors(parser, update.Sql.Replace("WHERE", "WHERE AND", StringComparison.Ordinal)));
        // T-SQL, but wrong for this schema or these values: each check of AssertStatement fails.
        Assert.ThrowsAny<Exception>(() => AssertStatement(parser, schema, "extra parameter", typeof(UpdateStatement), update with { Values = [.. update.Values, update.Values[0]] }));
        Assert.ThrowsAny<Exception>(() => AssertStatement(parser, schema, "unknown column", typeof(UpdateStatement), update with { Sql = update.Sql.Replace("[state]", "[status]", StringComparison.Ordinal) }));
        Assert.ThrowsAny<Exception>(() => AssertStatement(parser, schema, "unknown table", typeof(UpdateStatement), update with { Sql = update.Sql.Replace("[tokens]", "[token]", StringComparison.Ordinal) }));
        Assert.ThrowsAny<Exception>(() => AssertStatement(parser, schema, "two statements", typeof(UpdateStatement), update with { Sql = update.Sql + "; " + update.Sql }));
        Assert.ThrowsAny<Exception>(() => AssertStatement(parser, schema, "wrong kind", typeof(DeleteStatement), update));
    }

    /// <summary>
    /// Every statement shape the SQL Server provider sends: StepStatements (the real class, fed one
    /// effect of each kind and each consume), ExecutionRows' and ExecutionStore's execution row,
    /// HistoryRetention's compaction and HotReads' reads, each as its call site builds it.
    /// </summary>
    private List<(string Name, Type Kind, Statement Statement)> StepWritePathStatements()
    {
        var sql = NewRowSql();
        var id = Guid.Parse("6f1c2a9e-0000-4000-8000-000000000001");
        var statements = new List<(string, Type, Statement)>();

        // ExecutionStore.StartAsync: the new row, its unique keys the check; ExecutionRows.Update: a step's row-version check.
        var row = new ExecutionEntity
        {
            Id = id, WorkflowName = "wf", WorkflowVersion = 1, DefinitionId = 1, State = "RUNNING", InputJson = "{}", Data = "{}",
            IdempotencyKey = "key", RequestHash = "hash", CreatedAt = Now.UtcDateTime, UpdatedAt = Now.UtcDateTime,
        };
        statements.Add(("start: insert execution", typeof(InsertStatement), sql.Insert(row)));
        statements.Add(("step: update execution by row version", typeof(UpdateStatement), ExecutionRows.Update(sql, row, 0)));

        // StepStatements: every effect that becomes a row, and every way an event's source is used up.
        var effects = new Effect[]
        {
            new RecordHistory(new HistoryRecord(1, Now, HistorySubject.Task, "job", "PENDING", "RUNNING", 1, "ready")),
            new ScheduleTimer(1, "job", TimerKind.Timeout, Now.AddDays(1)),
            new CancelTimer(2),
            new MintToken("job", 1, WaitKind.Approval, Now.AddDays(1), "ok?", ["ann"]),
            new VoidTokens("job", 1),
            new CompactHistory("cp", 1, null),
            new ArchiveTask(new TaskDetail("boot[3]", TaskDetailStatus.Success, 1, null, null, 2, null, Now, Now) { Index = 3 }),
            new DropArchive("boot"),
            new CancelChild("sub", 1),
        };
        // A task waiting on a token from before signed tokens (no nonce on it): its rows are voided.
        var before = new Dictionary<string, TaskDetail> { ["job"] = new("job", TaskDetailStatus.Waiting, 1, null, null, 2, null, Now, null, WaitKind.Approval) };
        var plain = new StepStatements(sql, id, Now, before);
        plain.AddEffects(effects);
        plain.DeleteTimer(3);
        plain.OutboxDone(4);
        plain.VoidToken(CallbackTokens.Hash("token"));
        var accepting = new StepStatements(sql, id, Now, before);
        accepting.AcceptRow(CallbackTokens.Hash("token"), "body");
        accepting.AddEffects([new VoidTokens("job", 1)]);
        var signed = new StepStatements(sql, id, Now, before: null);
        signed.AcceptToken(new TokenEntity
        {
            Hash = CallbackTokens.Hash("token"), Nonce = CallbackTokens.NewNonce(), ExecutionId = id, Task = "job", Attempt = 1, Kind = "CALLBACK",
            State = "ACCEPTED", AcceptedBodyHash = "body", CreatedAt = Now.UtcDateTime,
        });
        signed.AddEffects([new VoidTokens("job", 1)]);
        Type[] plainKinds =
        [
            typeof(InsertStatement),   // history chunk
            typeof(InsertStatement),   // timer
            typeof(DeleteStatement),   // cancelled timer
            typeof(UpdateStatement),   // void the task's tokens (a minted token needs no row)
            typeof(MergeStatement),    // archive a for_each element (upsert)
            typeof(DeleteStatement),   // drop an item's archive
            typeof(InsertStatement),   // outbox, returning its key
            typeof(DeleteStatement),   // the timer that raised the event
            typeof(UpdateStatement),   // the outbox row the event reports on
            typeof(UpdateStatement),   // a token the task no longer waits for
        ];
        var plainStatements = plain.Statements.ToList();
        Assert.Equal(plainKinds.Length, plainStatements.Count);
        statements.AddRange(plainStatements.Select((s, i) => ($"step statement {i}", plainKinds[i], s)));
        var acceptingStatements = accepting.Statements.ToList();
        Assert.Equal(2, acceptingStatements.Count);
        statements.Add(("step: accept token", typeof(UpdateStatement), acceptingStatements[0]));
        statements.Add(("step: void tokens but the accepted one", typeof(UpdateStatement), acceptingStatements[1]));
        statements.Add(("step: insert the accepted signed token", typeof(InsertStatement), Assert.Single(signed.Statements)));
        Assert.NotNull(plainStatements[6].KeyReceived);

        // HistoryRetention: its check that changes nothing, and a compaction's chunks.
        statements.Add(("retention: row version unchanged", typeof(UpdateStatement),
            sql.Update<ExecutionEntity>([(nameof(ExecutionEntity.RowVersion), 3)], [(nameof(ExecutionEntity.Id), id), (nameof(ExecutionEntity.RowVersion), 3)])));
        statements.Add(("retention: row version unchanged, the start chunk out of the row", typeof(UpdateStatement),
            sql.Update<ExecutionEntity>(
                [(nameof(ExecutionEntity.RowVersion), 3), (nameof(ExecutionEntity.StartHistory), null)],
                [(nameof(ExecutionEntity.Id), id), (nameof(ExecutionEntity.RowVersion), 3)])));
        statements.Add(("retention: delete chunk", typeof(DeleteStatement),
            sql.Delete<HistoryChunkEntity>([(nameof(HistoryChunkEntity.ExecutionId), id), (nameof(HistoryChunkEntity.FirstSeq), 1L)])));
        statements.Add(("retention: rewritten chunk", typeof(InsertStatement), sql.Insert(HistoryChunks.Rewrite(id, [new HistoryEntry(11, Now.UtcDateTime, "task", "job", "RUNNING", "SUCCESS", 1, "done")], Now.UtcDateTime))));
        statements.Add(("retention: compaction entry", typeof(InsertStatement), sql.Insert(HistoryChunks.Compaction(id, 10, 9, "retention of checkpoint cp", Now))));

        // HotReads.
        string[] refColumns = [nameof(WorkflowDefinitionEntity.Id), nameof(WorkflowDefinitionEntity.Name), nameof(WorkflowDefinitionEntity.Version)];
        statements.Add(("read: execution", typeof(SelectStatement), sql.SelectRows<ExecutionEntity>([(nameof(ExecutionEntity.Id), id)])));
        statements.Add(("read: executions of due timers", typeof(SelectStatement), sql.SelectRowsIn<ExecutionEntity>(nameof(ExecutionEntity.Id), [id])));
        statements.Add(("read: executions of due timers, padded", typeof(SelectStatement), sql.SelectRowsIn<ExecutionEntity>(nameof(ExecutionEntity.Id), [id, Guid.NewGuid(), Guid.NewGuid()])));
        statements.Add(("read: token", typeof(SelectStatement), sql.SelectRows<TokenEntity>([(nameof(TokenEntity.Hash), "h"), (nameof(TokenEntity.Kind), "CALLBACK")])));
        statements.Add(("read: timer", typeof(SelectStatement), sql.SelectRows<TimerEntity>([(nameof(TimerEntity.ExecutionId), id), (nameof(TimerEntity.Serial), 1L)])));
        statements.Add(("read: definition version", typeof(SelectStatement), sql.Select<WorkflowDefinitionEntity>(
            refColumns, [(nameof(WorkflowDefinitionEntity.Name), "wf"), (nameof(WorkflowDefinitionEntity.Version), 1)], nameof(WorkflowDefinitionEntity.Version), descending: true)));
        statements.Add(("read: latest definition", typeof(SelectStatement), sql.Select<WorkflowDefinitionEntity>(
            refColumns, [(nameof(WorkflowDefinitionEntity.Name), "wf")], nameof(WorkflowDefinitionEntity.Version), descending: true)));
        statements.Add(("read: definition json", typeof(SelectStatement), sql.Select<WorkflowDefinitionEntity>(
            [nameof(WorkflowDefinitionEntity.DefinitionJson)], [(nameof(WorkflowDefinitionEntity.Id), 1L)], nameof(WorkflowDefinitionEntity.Id))));
        return statements;
    }

    /// <summary>
    /// <paramref name="statement"/> parses without an error as exactly one statement of <paramref name="kind"/>,
    /// uses exactly the parameters @p0…@pN-1 it has values for, and names only tables and columns of <paramref name="schema"/>.
    /// </summary>
    private static void AssertStatement(string parser, MigratedSchema schema, string name, Type kind, Statement statement)
    {
        var parsed = Parse(parser, statement.Sql, name);
        var batch = Assert.Single(parsed.Batches);
        var single = Assert.Single(batch.Statements);
        Assert.True(kind == single.GetType(), $"{name}: a {single.GetType().Name}, not a {kind.Name}: {statement.Sql}");

        var parameters = single.Collect<VariableReference>().Select(v => v.Name).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal);
        Assert.True(
            Enumerable.Range(0, statement.Values.Count).Select(Storage.Sql.RowSql.Parameter).Order(StringComparer.Ordinal).SequenceEqual(parameters),
            $"{name}: binds {statement.Values.Count} values but uses {string.Join(", ", parameters)}: {statement.Sql}");

        var table = Assert.Single(single.Collect<NamedTableReference>().Select(t => t.SchemaObject.BaseIdentifier.Value).Distinct(StringComparer.Ordinal));
        Assert.True(schema.Tables.TryGetValue(table, out var columns), $"{name}: no table {table} in the migrations: {statement.Sql}");
        var unknown = single.Collect<ColumnReferenceExpression>().Select(c => c.MultiPartIdentifier.Identifiers[^1].Value).Where(c => !columns.Contains(c)).ToList();
        Assert.True(unknown.Count == 0, $"{name}: {table} has no column {string.Join(", ", unknown)}: {statement.Sql}");
        if (statement.KeyReceived is not null)
        {
            var output = Assert.IsType<InsertStatement>(single).InsertSpecification.OutputClause;
            Assert.True(output is not null, $"{name}: returns its key, but has no OUTPUT clause: {statement.Sql}");
        }
    }

    private static TSqlScript Parse(string parser, string sql, string? name = null)
    {
        var script = (TSqlScript)NewParser(parser).Parse(new StringReader(sql), out var errors);
        Assert.True(errors.Count == 0, $"{name ?? "script"}: {string.Join("; ", errors.Select(e => $"line {e.Line}: {e.Message}"))}{Environment.NewLine}{sql}");
        return script;
    }

    private static IList<ParseError> Errors(string parser, string sql)
    {
        NewParser(parser).Parse(new StringReader(sql), out var errors);
        return errors;
    }

    private static TSqlParser NewParser(string parser) => parser switch
    {
        nameof(TSql160Parser) => new TSql160Parser(initialQuotedIdentifiers: true),
        nameof(TSql180Parser) => new TSql180Parser(initialQuotedIdentifiers: true),
        _ => throw new ArgumentOutOfRangeException(nameof(parser)),
    };

    /// <summary>
    /// The tables (with their columns, as created, altered and renamed, in script order) and indexes
    /// the script creates, less those it drops.
    /// </summary>
    private static MigratedSchema Schema(TSqlScript script)
    {
        var tables = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var indexes = new Dictionary<(string Table, string Index), string>();
        foreach (var statement in script.Collect<TSqlStatement>())
        {
            switch (statement)
            {
                case CreateIndexStatement i:
                    indexes[(i.OnName.BaseIdentifier.Value, i.Name.Value)] =
                        $"{i.OnName.BaseIdentifier.Value}.{i.Name.Value}({string.Join(",", i.Columns.Select(c => c.Column.MultiPartIdentifier.Identifiers[^1].Value))})"
                        + (i.Unique ? " unique" : "")
                        + (i.FilterPredicate is { } filter ? " where " + Text(filter) : "");
                    break;
                case DropIndexStatement drop:
                    // DROP INDEX [name] ON [table]: a later migration took it away (the idempotent
                    // script creates indexes inside EXEC strings, so there it may not be seen created).
                    foreach (var clause in drop.DropIndexClauses.OfType<DropIndexClause>())
                    {
                        indexes.Remove((clause.Object.BaseIdentifier.Value, clause.Index.Value));
                    }

                    break;
                case CreateTableStatement create:
                    tables[create.SchemaObjectName.BaseIdentifier.Value] = [.. create.Definition.ColumnDefinitions.Select(c => c.ColumnIdentifier.Value)];
                    break;
                case AlterTableAddTableElementStatement add:
                    tables[add.SchemaObjectName.BaseIdentifier.Value].UnionWith(add.Definition.ColumnDefinitions.Select(c => c.ColumnIdentifier.Value));
                    break;
                case AlterTableDropTableElementStatement drop:
                    tables[drop.SchemaObjectName.BaseIdentifier.Value].ExceptWith(drop.AlterTableDropTableElements
                        .Where(e => e.TableElementType == TableElementType.Column).Select(e => e.Name.Value));
                    break;
                case DropTableStatement drop:
                    foreach (var dropped in drop.Objects)
                    {
                        tables.Remove(dropped.BaseIdentifier.Value);
                    }

                    break;
                case ExecuteStatement { ExecuteSpecification.ExecutableEntity: ExecutableProcedureReference procedure }
                    when procedure.ProcedureReference.ProcedureReference.Name.BaseIdentifier.Value == "sp_rename"
                        && procedure.Parameters is [{ ParameterValue: StringLiteral from }, { ParameterValue: StringLiteral to }, { ParameterValue: StringLiteral { Value: "COLUMN" } }]:
                    // EXEC sp_rename N'[table].[old]', N'new', N'COLUMN'
                    var (renamedIn, column) = (from.Value.Split("].[")[0].Trim('['), from.Value.Split("].[")[1].Trim(']'));
                    tables[renamedIn].Remove(column);
                    tables[renamedIn].Add(to.Value);
                    break;
            }
        }

        return new MigratedSchema(tables, [.. indexes.Values]);
    }

    /// <summary>A fragment's own text, as written in the script.</summary>
    private static string Text(TSqlFragment fragment) =>
        string.Concat(Enumerable.Range(fragment.FirstTokenIndex, fragment.LastTokenIndex - fragment.FirstTokenIndex + 1).Select(i => fragment.ScriptTokenStream[i].Text));

    private RowSql NewRowSql() => new(_db.Model, _db.GetService<ISqlGenerationHelper>(), new SqlDialect(StorageProvider.SqlServer));

    private static SqlServerWfaasDbContext DesignTimeContext()
    {
        var factoryType = typeof(WfaasDbContext).Assembly.GetTypes()
            .Single(t => typeof(IDesignTimeDbContextFactory<SqlServerWfaasDbContext>).IsAssignableFrom(t));
        return ((IDesignTimeDbContextFactory<SqlServerWfaasDbContext>)Activator.CreateInstance(factoryType, nonPublic: true)!).CreateDbContext([]);
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

    /// <summary>A call of any public RowSql method that builds a statement (a new one is counted too), on a variable named <c>sql</c>.</summary>
    private static readonly Regex RowSqlCall = new(
        $@"\bsql\.({string.Join("|", typeof(RowSql).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => m.ReturnType == typeof(Statement)).Select(m => m.Name).Distinct())})(<\w+>)?\(",
        RegexOptions.CultureInvariant);

    private sealed record MigratedSchema(Dictionary<string, HashSet<string>> Tables, ImmutableArray<string> Indexes);
}

/// <summary>Every fragment of a type under a parsed fragment.</summary>
internal static class FragmentSearch
{
    public static List<T> Collect<T>(this TSqlFragment fragment)
        where T : TSqlFragment
    {
        var collector = new Collector<T>();
        fragment.Accept(collector);
        return collector.Found;
    }

    private sealed class Collector<T> : TSqlFragmentVisitor
        where T : TSqlFragment
    {
        public List<T> Found { get; } = [];

        public override void Visit(TSqlFragment fragment)
        {
            if (fragment is T found)
            {
                Found.Add(found);
            }
        }
    }
}
