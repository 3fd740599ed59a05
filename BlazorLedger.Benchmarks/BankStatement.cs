using System.Globalization;
using System.Text;

namespace BlazorLedger.Benchmarks;

/// <summary>
/// A made-up but realistic bank export: a header, then date, description and signed amount, oldest first, a few hundred
/// merchants that recur (with the card number and town a bank adds), a salary and rent once a month, and now and then the
/// same purchase twice on one day, which must stay two rows.
/// </summary>
internal static class BankStatement
{
    private static readonly string[] Kinds = ["CARD PAYMENT", "DIRECT DEBIT", "CONTACTLESS", "ONLINE PURCHASE"];
    private static readonly string[] Towns = ["LONDON", "LEEDS", "BRISTOL", "YORK", "BATH", "LEICESTER", "OXFORD", "CARDIFF"];
    private static readonly string[] Syllables = ["ma", "ko", "ri", "ban", "tel", "sto", "ver", "lu", "den", "ca", "fo", "mer", "zi", "al", "pen"];

    public static byte[] Csv(int rows, int merchants = 300, int seed = 7)
    {
        var random = new Random(seed);
        var names = Enumerable.Range(0, merchants).Select(_ => Merchant(random)).ToArray();
        var text = new StringBuilder("Date,Description,Amount\n");
        var day = DateOnly.FromDateTime(DateTime.UtcNow).AddYears(-3);
        var perDay = (rows + 3 * 365 - 1) / (3 * 365);
        var written = 0;
        string? previous = null;
        while (written < rows)
        {
            var date = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            for (var i = 0; i < perDay && written < rows; i++)
            {
                string line;
                if (previous is not null && random.Next(100) == 0)
                {
                    line = previous;
                }
                else if (day.Day == 1 && i == 0)
                {
                    line = $"{date},SALARY ACME LTD,{2_850 + random.Next(0, 200)}.00";
                }
                else if (day.Day == 2 && i == 0)
                {
                    line = $"{date},\"RENT, FLAT 4\",-1150.00";
                }
                else
                {
                    var merchant = names[(int)Math.Min(merchants - 1, Math.Abs(random.NextDouble() * random.NextDouble()) * merchants)];
                    var cents = 100 + (long)(Math.Pow(random.NextDouble(), 3) * 25_000);
                    line = string.Create(CultureInfo.InvariantCulture, $"{date},{merchant},-{cents / 100}.{cents % 100:00}");
                }
                text.Append(line).Append('\n');
                previous = line;
                written++;
            }
            day = day.AddDays(1);
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static string Merchant(Random random)
    {
        var name = new StringBuilder();
        for (var s = random.Next(2, 4); s > 0; s--)
        {
            name.Append(Syllables[random.Next(Syllables.Length)]);
        }
        return $"{Kinds[random.Next(Kinds.Length)]} {name.ToString().ToUpperInvariant()} {Towns[random.Next(Towns.Length)]} {random.Next(1000, 9999)}";
    }
}
