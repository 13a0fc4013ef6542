namespace WfaaS.Storage.Sql;

/// <summary>One step's writes: run inside a transaction; false means the step lost a race and wrote nothing.</summary>
public delegate ValueTask<bool> StepUnit(StepTransaction transaction, CancellationToken cancellationToken);

/// <summary>Commits steps (SPEC §1: state, history and outbox in one transaction).</summary>
public interface IStepWriter
{
    /// <returns>True once the unit's writes are committed; false when it lost a race and nothing of it was kept.</returns>
    Task<bool> WriteAsync(StepUnit unit, CancellationToken cancellationToken);

    /// <summary>
    /// Writes <paramref name="statements"/> all or nothing, in as few round trips as the database
    /// allows: a step that needs nothing but its statements (no reads inside its transaction).
    /// </summary>
    /// <returns>False when a statement hit a unique key or touched an unexpected number of rows: nothing was written.</returns>
    Task<bool> WriteStatementsAsync(IReadOnlyList<Statement> statements, CancellationToken cancellationToken);
}
