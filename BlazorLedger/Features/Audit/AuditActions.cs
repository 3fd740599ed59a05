namespace BlazorLedger.Features.Audit;

public static class AuditActions
{
    public const string BookCreated = "book.created";
    public const string AccountCreated = "account.created";
    public const string AccountUpdated = "account.updated";
    public const string AccountArchived = "account.archived";
    public const string AccountUnarchived = "account.unarchived";
    public const string AccountReconciled = "account.reconciled";
    public const string TransactionPosted = "transaction.posted";
    public const string TransactionVoided = "transaction.voided";
    public const string TransactionCorrected = "transaction.corrected";
    public const string TransactionAmended = "transaction.amended";
    public const string StatementImported = "statement.imported";
    public const string ImportUndone = "import.undone";
    public const string ImportRuleCreated = "import-rule.created";
    public const string ImportRuleDeleted = "import-rule.deleted";
    public const string RateSet = "rate.set";
    public const string RateDeleted = "rate.deleted";
    public const string SettingChanged = "setting.changed";
    public const string InvitationCreated = "invitation.created";
    public const string InvitationAccepted = "invitation.accepted";
    public const string InvitationRevoked = "invitation.revoked";
    public const string MemberRoleChanged = "member.role-changed";
    public const string MemberRemoved = "member.removed";
    public const string BookRenamed = "book.renamed";
    public const string BookArchived = "book.archived";
    public const string BookUnarchived = "book.unarchived";
    public const string BookMonthStartChanged = "book.month-start-changed";
    public const string BookLockDateChanged = "book.lock-date-changed";
    public const string BookRestored = "book.restored";
    public const string BookRestoreUndone = "book.restore-undone";
    public const string SignedIn = "user.signed-in";
    public const string SignInFailed = "user.sign-in-failed";
    public const string UserRegistered = "user.registered";
    public const string UserCreated = "user.created";
    public const string UserLocked = "user.locked";
    public const string UserUnlocked = "user.unlocked";
    public const string UserDisabled = "user.disabled";
    public const string UserEnabled = "user.enabled";
    public const string AdminGranted = "user.admin-granted";
    public const string AdminRevoked = "user.admin-revoked";
    public const string PasswordResetSent = "user.password-reset-sent";
    public const string UserDeleted = "user.deleted";
}
