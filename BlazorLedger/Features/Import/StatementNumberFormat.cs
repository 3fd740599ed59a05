namespace BlazorLedger.Features.Import;

/// <summary>How a statement writes its amounts; <see cref="StatementAmounts"/> reads them with the app's strict amount reader.</summary>
public enum StatementNumberFormat
{
    /// <summary>1,234.56</summary>
    PointDecimal,
    /// <summary>1.234,56</summary>
    CommaDecimal,
    /// <summary>1 234,56</summary>
    CommaDecimalSpaceGrouped,
    /// <summary>1'234.56</summary>
    PointDecimalApostropheGrouped,
}
