using BlazorLedger.Common;
using BlazorLedger.Features.Books;
using BlazorLedger.Features.Users;
using MudBlazor;

namespace BlazorLedger.Features.Transactions;

/// <summary>
/// Voiding a transaction as a person does it: asked first, saying on which day the reversal lands, offered the override of
/// a reconciled transaction when the book's owner may take it, and told how it went. Shared by the transaction's page and
/// the register, whose rows carry a plain button each rather than a component of their own in every open tab.
/// </summary>
internal sealed class VoidFlow(PostingService postings, IDialogService dialogs, ISnackbar snackbar, UserFormat format)
{
    /// <summary>The reversal, or null when the person kept the transaction or the void was refused (already said so).</summary>
    public async Task<TransactionDto?> RunAsync(Actor actor, Guid bookId, VoidRequest request)
    {
        var reversalDay = request.Date is { } day && ClosedPeriod.Contains(request.LockDate, day)
            ? $"on {format.Date(request.LockDate!.Value.AddDays(1))}, the first day after the book's lock date"
            : "on the same date";
        var confirmed = await dialogs.ShowMessageBoxAsync("Void this transaction?",
            $"\"{request.Description}\" will be cancelled by a reversing transaction {reversalDay}. Both stay in the books; " +
            "this cannot be undone.", yesText: "Void", cancelText: "Keep it");
        if (confirmed != true)
        {
            return null;
        }
        var result = await postings.VoidAsync(actor, bookId, request.TransactionId);
        if (result.Status == ResultStatus.Conflict && result.Message == PostingService.ReconciledVoidRefused && request.CanOverrideReconciled)
        {
            var overridden = await dialogs.ShowMessageBoxAsync("Void a reconciled transaction?",
                $"\"{request.Description}\" is reconciled with a bank statement: voiding it changes the reconciled balance, and the next " +
                "reconciliation will have to take its reversal in. Your override is recorded in the audit log.",
                yesText: "Void anyway", cancelText: "Keep it");
            if (overridden != true)
            {
                return null;
            }
            result = await postings.VoidAsync(actor, bookId, request.TransactionId, overrideReconciled: true);
        }
        if (!result.Succeeded)
        {
            snackbar.Add(result.Message ?? "The transaction could not be voided.", Severity.Warning);
            return null;
        }
        snackbar.Add(request.Date is { } date && result.Value!.Date != date
            ? $"Voided \"{request.Description}\": its reversal is dated {format.Date(result.Value.Date)}, after the lock date."
            : $"Voided \"{request.Description}\".", Severity.Success);
        return result.Value;
    }
}

/// <param name="Date">The transaction's date and the book's lock date, to say on which day its reversal will be posted.</param>
/// <param name="CanOverrideReconciled">An owner is offered to void a transaction reconciled with a statement anyway; the override is audited.</param>
internal sealed record VoidRequest(Guid TransactionId, string Description, DateOnly? Date, DateOnly? LockDate, bool CanOverrideReconciled);
