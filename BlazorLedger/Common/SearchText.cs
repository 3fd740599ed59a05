using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query.SqlExpressions;

namespace BlazorLedger.Common;

/// <summary>
/// Search as people expect it: what they type matches anywhere in the text, ignoring case, with % and _ taken literally,
/// on every provider. Build the pattern with <see cref="ContainsPattern"/> and test a column with <see cref="Matches"/>.
/// </summary>
public static class SearchText
{
    /// <summary>The escape character in the patterns <see cref="ContainsPattern"/> makes.</summary>
    public const string Escape = "\\";

    public static string? ContainsPattern(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : "%" + text.Trim().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";

    /// <summary>
    /// In a query only: whether <paramref name="value"/> matches <paramref name="pattern"/> ignoring case. SQLite's LIKE
    /// already ignores case; on PostgreSQL both sides are lower-cased (Unicode-aware), since its LIKE does not.
    /// </summary>
    public static bool Matches(string? value, string? pattern) =>
        throw new InvalidOperationException($"{nameof(Matches)} runs in the database only, inside a query.");

    /// <summary>Maps <see cref="Matches"/> to SQL for the provider the model is built for.</summary>
    internal static void MapTo(ModelBuilder builder, bool lowerBothSides)
    {
        builder.HasDbFunction(typeof(SearchText).GetMethod(nameof(Matches))!).HasTranslation(arguments =>
        {
            var value = arguments[0];
            var pattern = arguments[1];
            var escape = new SqlConstantExpression(Escape, value.TypeMapping);
            return lowerBothSides
                ? new LikeExpression(Lower(value), Lower(pattern), escape, null)
                : new LikeExpression(value, pattern, escape, null);
        });
    }

    private static SqlFunctionExpression Lower(SqlExpression text) =>
        new("lower", [text], nullable: true, argumentsPropagateNullability: [true], typeof(string), text.TypeMapping);
}
