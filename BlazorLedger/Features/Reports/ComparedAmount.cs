namespace BlazorLedger.Features.Reports;

/// <summary>A figure and, when the report is compared, the other period's figure (zero where it had none).</summary>
public sealed record ComparedAmount(long Amount, long? Before = null)
{
    public long? Change => Before is { } before ? Amount - before : null;

    /// <summary>The change as a fraction of the other figure's size (0.125 is 12.5 %); none where that figure is zero.</summary>
    public decimal? Ratio => Before is { } before && before != 0 ? (decimal)(Amount - before) / Math.Abs(before) : null;
}
