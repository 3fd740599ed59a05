namespace BlazorLedger.Common;

public enum ResultStatus
{
    /// <summary>Done; for a create, the thing already existed (an idempotent replay).</summary>
    Ok,
    /// <summary>Done, and something new was written.</summary>
    Created,
    /// <summary>The book or item does not exist, or the user may not know it exists.</summary>
    NotFound,
    /// <summary>The user can see the book but their role does not allow this.</summary>
    Forbidden,
    /// <summary>The input is invalid; <see cref="Result{T}.Errors"/> says which fields and why.</summary>
    Invalid,
    /// <summary>The request clashes with the current state (stale version, reused key, already voided).</summary>
    Conflict,
}
