using Microsoft.EntityFrameworkCore;
using WfaaS.Storage.Entities;

namespace WfaaS.Storage.Triggers;

/// <summary>Cron triggers by name.</summary>
public sealed class TriggerStore(WfaasDbContext db)
{
    /// <returns>False when a trigger of that name exists.</returns>
    public async Task<bool> CreateAsync(TriggerEntity trigger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        if (await db.Triggers.AnyAsync(t => t.Name == trigger.Name, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        db.Triggers.Add(trigger);
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }

    public Task<TriggerEntity?> FindAsync(string name, CancellationToken cancellationToken) =>
        db.Triggers.AsNoTracking().FirstOrDefaultAsync(t => t.Name == name, cancellationToken);

    public async Task<IReadOnlyList<TriggerEntity>> ListAsync(CancellationToken cancellationToken) =>
        await db.Triggers.AsNoTracking().OrderBy(t => t.Name).ToListAsync(cancellationToken).ConfigureAwait(false);

    public async Task<bool> DeleteAsync(string name, CancellationToken cancellationToken) =>
        await db.Triggers.Where(t => t.Name == name).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false) > 0;
}
