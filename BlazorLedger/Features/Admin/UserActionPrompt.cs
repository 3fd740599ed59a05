namespace BlazorLedger.Features.Admin;

/// <summary>A question the admin answers before an action runs. With a <see cref="NoText"/>, "no" is a second way to go on, not a cancel.</summary>
public sealed record UserActionPrompt(string Title, string Text, string YesText, string? NoText = null)
{
    /// <summary>Whether the answer from the message box (null for Cancel) lets the action run.</summary>
    public bool Proceeds(bool? answer) => answer == true || (answer == false && NoText is not null);
}
