namespace BlazorLedger.Data;

public enum InvitationKind
{
    /// <summary>From an admin: lets the addressee create an account while registration is invite-only.</summary>
    SignUp = 0,
    /// <summary>From a book's owner: lets the addressee join the book with a role (and sign up if they must).</summary>
    Book = 1,
}
