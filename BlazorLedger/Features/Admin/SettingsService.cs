using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Features.Audit;
using BlazorLedger.Features.Users;
using Microsoft.EntityFrameworkCore;

namespace BlazorLedger.Features.Admin;

internal sealed class SettingsService(IDbContextFactory<LedgerDbContext> dbFactory, TimeProvider clock)
{
    private const string RegistrationPolicyKey = "registration.policy";

    /// <summary>The current policy; invite-only until an admin says otherwise.</summary>
    public async Task<RegistrationPolicy> GetRegistrationPolicyAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var value = await db.Settings.Where(s => s.Key == RegistrationPolicyKey).Select(s => s.Value).FirstOrDefaultAsync(ct);
        return Enum.TryParse<RegistrationPolicy>(value, out var policy) ? policy : RegistrationPolicy.InviteOnly;
    }

    public async Task<Result<RegistrationPolicy>> SetRegistrationPolicyAsync(Actor actor, RegistrationPolicy policy, CancellationToken ct = default)
    {
        if (!Enum.IsDefined(policy))
        {
            return Result<RegistrationPolicy>.Invalid("Policy", "Choose Open, Invite only or Closed.");
        }
        return await DbRetry.RunAsync(async c =>
        {
            await using var db = await dbFactory.CreateDbContextAsync(c);
            await using var tx = await db.BeginWriteTransactionAsync(c);
            // Admin commands queue here, so the first change of a setting creates its row once.
            await db.LockAdministrationAsync(c);
            if (!await AdminAccess.IsAdminAsync(db, actor, c))
            {
                return Result<RegistrationPolicy>.Forbidden(AdminAccess.Denied);
            }
            var setting = await db.Settings.FirstOrDefaultAsync(s => s.Key == RegistrationPolicyKey, c);
            if (setting is null)
            {
                db.Settings.Add(new AppSetting { Key = RegistrationPolicyKey, Value = policy.ToString() });
            }
            else
            {
                setting.Value = policy.ToString();
            }
            db.Audit(clock.GetUtcNow().UtcDateTime, actor.UserId, null, AuditActions.SettingChanged, "Setting", RegistrationPolicyKey,
                new { Value = policy.ToString() });
            await db.SaveChangesAsync(c);
            await tx.CommitAsync(c);
            return Result<RegistrationPolicy>.Ok(policy);
        }, ct);
    }
}
