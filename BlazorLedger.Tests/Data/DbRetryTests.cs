using BlazorLedger.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BlazorLedger.Tests.Data;

/// <summary>Which failures run a unit of work again, and how often (no database: the errors are PostgreSQL's own).</summary>
public sealed class DbRetryTests
{
    private static PostgresException Error(string sqlState) => new("rolled back", "ERROR", "ERROR", sqlState);

    [Theory]
    [InlineData("40P01")]
    [InlineData("40001")]
    public async Task A_unit_of_work_rolled_back_to_settle_a_conflict_runs_again_and_its_result_is_returned(string sqlState)
    {
        var attempts = 0;

        var result = await DbRetry.RunAsync(_ => ++attempts < DbRetry.MaxAttempts
            ? throw new DbUpdateException("saving failed", Error(sqlState))
            : Task.FromResult("done"), CancellationToken.None);

        Assert.Equal(("done", DbRetry.MaxAttempts), (result, attempts));
    }

    [Fact]
    public async Task Attempts_are_bounded_and_the_last_conflict_is_thrown()
    {
        var attempts = 0;

        var error = await Assert.ThrowsAsync<PostgresException>(() => DbRetry.RunAsync<int>(_ =>
        {
            attempts++;
            throw Error("40P01");
        }, CancellationToken.None));

        Assert.Equal(DbRetry.MaxAttempts, attempts);
        Assert.Equal("40P01", error.SqlState);
    }

    [Theory]
    [InlineData("23505")]
    [InlineData("23503")]
    [InlineData("57014")]
    public async Task Any_other_error_such_as_a_unique_violation_is_thrown_at_once(string sqlState)
    {
        var attempts = 0;

        await Assert.ThrowsAsync<PostgresException>(() => DbRetry.RunAsync<int>(_ =>
        {
            attempts++;
            throw Error(sqlState);
        }, CancellationToken.None));

        Assert.Equal(1, attempts);
    }
}
