namespace WfaaS.Storage.Sql;

/// <summary>Commits steps (SPEC §1: state, history and outbox in one transaction). One implementation per provider.</summary>
public interface IStepWriter
{
    /// <summary>Writes <paramref name="statements"/> all or nothing.</summary>
    /// <returns>
    /// False when the step's check (<see cref="Statement.IsCheck"/>) did not hold, or a statement hit a
    /// unique key: the step lost a race and nothing of it was written.
    /// </returns>
    Task<bool> WriteAsync(IReadOnlyList<Statement> statements, CancellationToken cancellationToken);
}
