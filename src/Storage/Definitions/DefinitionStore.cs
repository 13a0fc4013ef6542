using Microsoft.EntityFrameworkCore;
using WfaaS.Engine.Planning;
using WfaaS.Storage.Entities;
using WfaaS.Storage.Executions;

namespace WfaaS.Storage.Definitions;

/// <summary>Versions of workflow definitions (SPEC §3, §6 definitions rows).</summary>
public sealed class DefinitionStore(WfaasDbContext db, HotReads reads, PlanCache plans, LatestDefinitions latestVersions, TimeProvider time)
{
    private const int MaxSaveAttempts = 16;

    /// <summary>
    /// Stores <paramref name="definition"/> as a new version unless the latest live version has the
    /// same text. The next number follows the highest version ever stored under the name, deleted
    /// ones included, so a (name, version) never means two texts. Two clients posting new text at
    /// once race for the next version number; the loser sees the unique (name, version) index fail
    /// and tries again on fresh data.
    /// </summary>
    public async Task<SavedDefinition> SaveAsync(NewDefinition definition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var hash = TextHash.Of(definition.Text);
        for (var attempt = 1; ; attempt++)
        {
            var latest = await AllVersions(definition.Name).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            if (latest is { DeletedAt: null } && latest.TextHash == hash && latest.Text == definition.Text)
            {
                return new SavedDefinition(ToStored(latest), Created: false);
            }

            var entity = new WorkflowDefinitionEntity
            {
                Name = definition.Name,
                Version = (latest?.Version ?? 0) + 1,
                Text = definition.Text,
                TextHash = hash,
                ContentType = definition.ContentType,
                DefinitionJson = definition.DefinitionJson,
                CreatedAt = StoredTime.Now(time).UtcDateTime,
            };
            db.WorkflowDefinitions.Add(entity);
            try
            {
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                latestVersions.Saw(new DefinitionRef(entity.Id, entity.Name, entity.Version));
                return new SavedDefinition(ToStored(entity), Created: true);
            }
            catch (DbUpdateException) when (attempt < MaxSaveAttempts)
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>The latest version of <paramref name="name"/>, or <paramref name="version"/>; null when there is none.</summary>
    public async Task<DefinitionRef?> FindRefAsync(string name, int? version, CancellationToken cancellationToken)
    {
        if (version is null && latestVersions.Find(name) is { } known)
        {
            return known;
        }

        var found = await reads.DefinitionAsync(db, name, version, cancellationToken).ConfigureAwait(false);
        if (version is null && found is not null)
        {
            latestVersions.Saw(found);
        }

        return found;
    }

    /// <summary>The compiled plan of a definition row: compiled once per process, loaded only on the first use.</summary>
    public async Task<ExecutionPlan> PlanAsync(long definitionId, CancellationToken cancellationToken)
    {
        if (plans.TryGet(definitionId, out var plan))
        {
            return plan;
        }

        var json = await reads.DefinitionJsonAsync(db, definitionId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Definition row {definitionId} does not exist.");
        return plans.Get(definitionId, json);
    }

    public async Task<StoredDefinition?> FindLatestAsync(string name, CancellationToken cancellationToken) =>
        await Versions(name).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false) is { } entity ? ToStored(entity) : null;

    public async Task<StoredDefinition?> FindAsync(string name, int version, CancellationToken cancellationToken) =>
        await db.WorkflowDefinitions.AsNoTracking()
            .FirstOrDefaultAsync(d => d.Name == name && d.Version == version && d.DeletedAt == null, cancellationToken).ConfigureAwait(false) is { } entity
            ? ToStored(entity)
            : null;

    /// <summary>
    /// When version <paramref name="version"/> of <paramref name="name"/> (or, without a version,
    /// the name's latest version) was deleted; null when it is live or was never stored. Lets a 404
    /// say "deleted" rather than "never existed".
    /// </summary>
    public async Task<DateTimeOffset?> DeletedAtAsync(string name, int? version, CancellationToken cancellationToken)
    {
        var rows = AllVersions(name);
        if (version is { } v)
        {
            rows = rows.Where(d => d.Version == v);
        }

        var deletedAt = await rows.Select(d => d.DeletedAt).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return deletedAt is { } at ? AsUtc(at) : null;
    }

    public async Task<IReadOnlyList<WorkflowSummary>> ListAsync(CancellationToken cancellationToken)
    {
        var rows = await db.WorkflowDefinitions.AsNoTracking()
            .Where(d => d.DeletedAt == null)
            .GroupBy(d => d.Name)
            .Select(g => new { Name = g.Key, LatestVersion = g.Max(d => d.Version), CreatedAt = g.Min(d => d.CreatedAt), UpdatedAt = g.Max(d => d.CreatedAt) })
            .OrderBy(r => r.Name)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(r => new WorkflowSummary(r.Name, r.LatestVersion, AsUtc(r.CreatedAt), AsUtc(r.UpdatedAt)))];
    }

    /// <summary>
    /// Deletes every live version of <paramref name="name"/>; false when there was none. The rows
    /// stay as tombstones (<see cref="WorkflowDefinitionEntity.DeletedAt"/>): the API no longer shows
    /// or starts them, but their numbers stay taken and executions that ran them still load their plan.
    /// </summary>
    public async Task<bool> DeleteAsync(string name, CancellationToken cancellationToken)
    {
        var now = StoredTime.Now(time).UtcDateTime;
        var deleted = await db.WorkflowDefinitions.Where(d => d.Name == name && d.DeletedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(d => d.DeletedAt, now), cancellationToken).ConfigureAwait(false) > 0;
        latestVersions.Forget(name);
        return deleted;
    }

    /// <summary>The live versions of <paramref name="name"/>, newest first.</summary>
    private IQueryable<WorkflowDefinitionEntity> Versions(string name) =>
        AllVersions(name).Where(d => d.DeletedAt == null);

    /// <summary>Every version ever stored under <paramref name="name"/>, deleted ones included, newest first.</summary>
    private IQueryable<WorkflowDefinitionEntity> AllVersions(string name) =>
        db.WorkflowDefinitions.AsNoTracking().Where(d => d.Name == name).OrderByDescending(d => d.Version);

    private static StoredDefinition ToStored(WorkflowDefinitionEntity e) =>
        new(e.Id, e.Name, e.Version, e.Text, e.ContentType, e.DefinitionJson, AsUtc(e.CreatedAt));

    private static DateTimeOffset AsUtc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

}
