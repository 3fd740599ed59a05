using System.Text;
using BlazorLedger.Data;
using BlazorLedger.Features.Import;

namespace BlazorLedger.Tests.Import;

public sealed class StatementFingerprintTests
{
    private static readonly StatementAccount Checking = new(Guid.Parse("0195a1b2-0000-7000-8000-000000000002"), "USD");
    private static readonly CsvMapping Mapping = new() { DateColumn = 0, DescriptionColumn = 1, AmountColumn = 2 };

    private static IReadOnlyList<StatementRow> Read(string text, StatementAccount? account = null) =>
        CsvStatementReader.Read(Encoding.UTF8.GetBytes(text), Mapping, account ?? Checking).Rows;

    [Fact]
    public void The_same_file_read_twice_gives_the_same_fingerprints_and_identical_rows_stay_distinct()
    {
        var second = CsvStatementReader.Read(StatementFiles.Us, CsvStatementReader.Inspect(StatementFiles.Us).Suggested!, Checking).Rows;
        var again = CsvStatementReader.Read(StatementFiles.Us, CsvStatementReader.Inspect(StatementFiles.Us).Suggested!, Checking).Rows;

        Assert.Equal(second.Select(r => r.Fingerprint), again.Select(r => r.Fingerprint));
        Assert.Equal(5, second.Select(r => r.Fingerprint).Distinct().Count());
        Assert.Equal(second[0].Description, second[1].Description);
        Assert.NotEqual(second[0].Fingerprint, second[1].Fingerprint);
        Assert.All(second, r => Assert.True(r.Fingerprint.Length <= TransactionLimits.MaxIdempotencyKey));
        Assert.All(second, r => Assert.Equal(StatementFingerprint.Length, r.Fingerprint.Length));
    }

    [Fact]
    public void Overlapping_statements_give_the_overlap_the_same_fingerprints()
    {
        var january = string.Join('\n', "2026-01-02,Rent,-700.00", "2026-01-12,Coffee,-3.00", "2026-01-12,Coffee,-3.00", "2026-01-14,Books,-20.00");
        // The next statement starts on the 12th, with the same two coffees and a different layout of spaces.
        var later = string.Join('\n', "2026-01-12,Coffee ,-3.00", "2026-01-12,  Coffee,-3.00", "2026-01-14,Books,-20.00", "2026-01-20,Salary,2000.00");

        var first = Read(january).Select(r => r.Fingerprint).ToList();
        var second = Read(later).Select(r => r.Fingerprint).ToList();

        Assert.Equal(first[1..], second[..3]);
        Assert.DoesNotContain(second[3], first);
        Assert.DoesNotContain(first[0], second);
    }

    [Fact]
    public void A_third_identical_row_in_a_later_file_is_new()
    {
        var first = Read("2026-01-12,Coffee,-3.00\n2026-01-12,Coffee,-3.00").Select(r => r.Fingerprint).ToList();
        var second = Read("2026-01-12,Coffee,-3.00\n2026-01-12,Coffee,-3.00\n2026-01-12,Coffee,-3.00").Select(r => r.Fingerprint).ToList();

        Assert.Equal(first, second[..2]);
        Assert.DoesNotContain(second[2], first);
    }

    [Fact]
    public void The_same_row_of_another_account_has_another_fingerprint()
    {
        var savings = Checking with { AccountId = Guid.NewGuid() };

        Assert.NotEqual(Read("2026-01-12,Coffee,-3.00")[0].Fingerprint, Read("2026-01-12,Coffee,-3.00", savings)[0].Fingerprint);
        Assert.NotEqual(StatementReader.Read(StatementFiles.Ofx1, Checking, null).Rows[0].Fingerprint,
            StatementReader.Read(StatementFiles.Ofx1, savings, null).Rows[0].Fingerprint);
    }

    [Fact]
    public void An_OFX_row_is_known_by_its_FITID_whatever_else_the_bank_changes()
    {
        var original = StatementReader.Read(StatementFiles.Ofx1, Checking, null).Rows;
        var renamed = StatementReader.Read(Encoding.ASCII.GetBytes(StatementFiles.Ofx1Text.Replace("STARBUCKS #1234", "Starbucks Seattle")), Checking, null).Rows;
        var repeated = StatementReader.Read(Encoding.ASCII.GetBytes(StatementFiles.Ofx1Text.Replace("202601130001", "202601050001")), Checking, null).Rows;

        Assert.Equal(original.Select(r => r.Fingerprint), renamed.Select(r => r.Fingerprint));
        Assert.StartsWith("ofx1:", original[0].Fingerprint);
        // A bank that repeats a FITID in one file still gets one row per transaction.
        Assert.Equal(original[0].Fingerprint, repeated[0].Fingerprint);
        Assert.Equal(3, repeated.Select(r => r.Fingerprint).Distinct().Count());
    }
}
