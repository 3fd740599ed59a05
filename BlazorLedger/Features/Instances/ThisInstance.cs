namespace BlazorLedger.Features.Instances;

/// <summary>This running instance of the app, told apart from the others that share its database by a new id per start.</summary>
internal sealed class ThisInstance
{
    public Guid Id { get; } = Guid.NewGuid();
}
