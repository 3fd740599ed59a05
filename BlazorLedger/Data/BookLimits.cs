namespace BlazorLedger.Data;

/// <summary>
/// Text lengths, one definition each: the schema's column sizes, the services' validation and the forms' input limits all
/// read them (changing one changes the schema, so it needs a migration).
/// </summary>
public static class BookLimits
{
    public const int MaxName = 100;
}
