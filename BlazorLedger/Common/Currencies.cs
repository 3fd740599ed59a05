using System.Collections.Frozen;

namespace BlazorLedger.Common;

/// <summary>ISO 4217 currencies with the number of digits of their minor unit (USD 2, JPY 0, BHD 3, CLF 4).</summary>
public static class Currencies
{
    private static readonly FrozenSet<string> ZeroDigits = FrozenSet.ToFrozenSet(
        ["BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI", "VND", "VUV", "XAF", "XOF", "XPF"]);

    private static readonly FrozenSet<string> ThreeDigits = FrozenSet.ToFrozenSet(["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"]);

    private static readonly FrozenSet<string> FourDigits = FrozenSet.ToFrozenSet(["CLF", "UYW"]);

    private const string Table = """
        AED UAE Dirham|AFN Afghani|ALL Lek|AMD Armenian Dram|ANG Netherlands Antillean Guilder|AOA Kwanza|ARS Argentine Peso|
        AUD Australian Dollar|AWG Aruban Florin|AZN Azerbaijan Manat|BAM Convertible Mark|BBD Barbados Dollar|BDT Taka|
        BGN Bulgarian Lev|BHD Bahraini Dinar|BIF Burundi Franc|BMD Bermudian Dollar|BND Brunei Dollar|BOB Boliviano|
        BRL Brazilian Real|BSD Bahamian Dollar|BTN Ngultrum|BWP Pula|BYN Belarusian Ruble|BZD Belize Dollar|CAD Canadian Dollar|
        CDF Congolese Franc|CHF Swiss Franc|CLF Unidad de Fomento|CLP Chilean Peso|CNY Yuan Renminbi|COP Colombian Peso|
        CRC Costa Rican Colon|CUP Cuban Peso|CVE Cabo Verde Escudo|CZK Czech Koruna|DJF Djibouti Franc|DKK Danish Krone|
        DOP Dominican Peso|DZD Algerian Dinar|EGP Egyptian Pound|ERN Nakfa|ETB Ethiopian Birr|EUR Euro|FJD Fiji Dollar|
        FKP Falkland Islands Pound|GBP Pound Sterling|GEL Lari|GHS Ghana Cedi|GIP Gibraltar Pound|GMD Dalasi|GNF Guinean Franc|
        GTQ Quetzal|GYD Guyana Dollar|HKD Hong Kong Dollar|HNL Lempira|HTG Gourde|HUF Forint|IDR Rupiah|ILS New Israeli Sheqel|
        INR Indian Rupee|IQD Iraqi Dinar|IRR Iranian Rial|ISK Iceland Krona|JMD Jamaican Dollar|JOD Jordanian Dinar|JPY Yen|
        KES Kenyan Shilling|KGS Som|KHR Riel|KMF Comorian Franc|KPW North Korean Won|KRW Won|KWD Kuwaiti Dinar|
        KYD Cayman Islands Dollar|KZT Tenge|LAK Lao Kip|LBP Lebanese Pound|LKR Sri Lanka Rupee|LRD Liberian Dollar|LSL Loti|
        LYD Libyan Dinar|MAD Moroccan Dirham|MDL Moldovan Leu|MGA Malagasy Ariary|MKD Denar|MMK Kyat|MNT Tugrik|MOP Pataca|
        MRU Ouguiya|MUR Mauritius Rupee|MVR Rufiyaa|MWK Malawi Kwacha|MXN Mexican Peso|MYR Malaysian Ringgit|
        MZN Mozambique Metical|NAD Namibia Dollar|NGN Naira|NIO Cordoba Oro|NOK Norwegian Krone|NPR Nepalese Rupee|
        NZD New Zealand Dollar|OMR Rial Omani|PAB Balboa|PEN Sol|PGK Kina|PHP Philippine Peso|PKR Pakistan Rupee|PLN Zloty|
        PYG Guarani|QAR Qatari Rial|RON Romanian Leu|RSD Serbian Dinar|RUB Russian Ruble|RWF Rwanda Franc|SAR Saudi Riyal|
        SBD Solomon Islands Dollar|SCR Seychelles Rupee|SDG Sudanese Pound|SEK Swedish Krona|SGD Singapore Dollar|
        SHP Saint Helena Pound|SLE Leone|SOS Somali Shilling|SRD Surinam Dollar|SSP South Sudanese Pound|STN Dobra|
        SVC El Salvador Colon|SYP Syrian Pound|SZL Lilangeni|THB Baht|TJS Somoni|TMT Turkmenistan New Manat|TND Tunisian Dinar|
        TOP Pa'anga|TRY Turkish Lira|TTD Trinidad and Tobago Dollar|TWD New Taiwan Dollar|TZS Tanzanian Shilling|UAH Hryvnia|
        UGX Uganda Shilling|USD US Dollar|UYI Uruguay Peso en Unidades Indexadas|UYU Peso Uruguayo|UYW Unidad Previsional|
        UZS Uzbekistan Sum|VED Bolivar Soberano|VES Bolivar Soberano|VND Dong|VUV Vatu|WST Tala|XAF CFA Franc BEAC|
        XCD East Caribbean Dollar|XCG Caribbean Guilder|XOF CFA Franc BCEAO|XPF CFP Franc|YER Yemeni Rial|ZAR Rand|
        ZMW Zambian Kwacha|ZWG Zimbabwe Gold
        """;

    private static readonly FrozenDictionary<string, CurrencyInfo> ByCode = Table
        .Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(entry => new CurrencyInfo(entry[..3], DigitsOf(entry[..3]), entry[4..]))
        .ToFrozenDictionary(c => c.Code, StringComparer.Ordinal);

    public static IReadOnlyCollection<CurrencyInfo> All { get; } = ByCode.Values.OrderBy(c => c.Code, StringComparer.Ordinal).ToArray();

    public static bool TryGet(string? code, out CurrencyInfo currency)
    {
        currency = default!;
        return code is not null && ByCode.TryGetValue(code, out currency!);
    }

    /// <summary>The codes whose code starts with, or whose name contains, <paramref name="text"/>: what a currency picker offers.</summary>
    public static IEnumerable<string> Matching(string? text)
    {
        var term = text?.Trim() ?? "";
        return All.Where(c => term.Length == 0
                || c.Code.StartsWith(term, StringComparison.OrdinalIgnoreCase)
                || c.Name.Contains(term, StringComparison.OrdinalIgnoreCase))
            .Select(c => c.Code);
    }

    public static bool IsKnown(string? code) => code is not null && ByCode.ContainsKey(code);

    /// <summary>Digits of the minor unit. Throws for an unknown code: amounts in it cannot be interpreted.</summary>
    public static int MinorDigits(string code) =>
        ByCode.TryGetValue(code, out var currency) ? currency.MinorDigits : throw new ArgumentException($"Unknown currency '{code}'.", nameof(code));

    private static int DigitsOf(string code) =>
        ZeroDigits.Contains(code) ? 0 : ThreeDigits.Contains(code) ? 3 : FourDigits.Contains(code) ? 4 : 2;
}
