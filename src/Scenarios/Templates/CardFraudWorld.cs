using System.Collections.Immutable;
using PPipe.Scenarios.Generation;

namespace PPipe.Scenarios.Templates;

/// <summary>
/// Card transactions at a retail bank, about 1.5% fraudulent. Fraud concentrates in card-not-present
/// payments, resellable goods (electronics, gift cards, gaming credit), new cards, bursts of activity,
/// foreign merchants and the small hours. "Card testing" — tiny online payments that check a stolen
/// card works — carries no weight until a fraud ring takes it up.
/// </summary>
internal sealed class CardFraudWorld : IScenarioWorld
{
    public static readonly CardFraudWorld Instance = new();

    private const int AmountEur = 0;
    private const int MerchantCategory = 1;
    private const int EntryMode = 2;
    private const int CardAgeDays = 3;
    private const int DistanceFromHomeKm = 4;
    private const int TxnCount24h = 5;
    private const int ForeignMerchant = 6;

    private const int Electronics = 3;
    private const int Travel = 4;
    private const int OnlineRetail = 5;
    private const int GiftCards = 6;
    private const int Gaming = 7;
    private const int Online = 2;
    private const int Manual = 3;

    private static readonly double[] MerchantWeights = [0.25, 0.11, 0.16, 0.07, 0.06, 0.22, 0.04, 0.09];
    private static readonly double[] CardPresentModes = [0.42, 0.55, 0.0, 0.03];
    private static readonly double[] RemoteModes = [0.0, 0.0, 0.95, 0.05];

    public string TimestampColumn => "txn_at";

    public TimeSpan TimestampResolution => TimeSpan.FromSeconds(1);

    public ImmutableArray<ScenarioFeature> Features { get; } =
    [
        ScenarioFeature.Number("amount_eur", "Transaction amount.", "EUR", 2, 0.5, 15000),
        ScenarioFeature.Category("merchant_category", "Merchant category as reported by the acquirer.", "grocery", "fuel", "restaurants", "electronics", "travel", "online_retail", "gift_cards", "gaming"),
        ScenarioFeature.Category("entry_mode", "How the card details were captured.", "chip", "contactless", "online", "manual"),
        ScenarioFeature.Number("card_age_days", "Days since the card was issued.", "days", 0, 0, 7300),
        ScenarioFeature.Number("distance_from_home_km", "Distance from the cardholder's address to the merchant (or the IP location online).", "km", 1, 0, 15000),
        ScenarioFeature.Number("txn_count_24h", "Transactions on the card in the previous 24 hours.", null, 0, 0, 60),
        ScenarioFeature.Number("foreign_merchant", "1 when the merchant is abroad, else 0.", null, 0, 0, 1),
    ];

    public ScenarioTarget Target { get; } = new("is_fraud", ScenarioTask.Binary, "1 when the transaction was confirmed fraudulent (chargeback or cardholder report).", null, 0, ["0", "1"]);

    public ImmutableArray<ConceptEffect> Effects { get; } =
    [
        new("base", "Log-odds of fraud for an ordinary transaction.", 0, -7.2),
        new("largeAmount", "Log of the amount relative to 30 EUR.", 0, 0.55),
        new("riskyMerchant", "Electronics, gift cards or gaming credit: easy to resell.", 0, 1.3),
        new("cardNotPresent", "Online or manually keyed payment.", 0, 1.0),
        new("newCard", "Card issued less than 30 days ago.", 0, 1.4),
        new("farFromHome", "Log of one plus the distance from home.", 0, 0.25),
        new("velocity", "Transactions in the previous 24 hours.", 0, 0.22),
        new("foreign", "Merchant abroad.", 0, 1.0),
        new("nightTime", "Between 00:00 and 05:00.", 0, 0.9),
        new("smallAmountTesting", "Card-not-present payment under 3 EUR (card testing).", 0, 0.0),
    ];

    public double NoiseSd => 0;

    public void Sample(RowSampler row)
    {
        var category = row.Category(MerchantCategory, row.Pick(MerchantWeights));
        var remote = category is OnlineRetail or Gaming || (category == GiftCards && row.Chance(0.5));
        var mode = row.Category(EntryMode, row.Pick(remote ? RemoteModes : CardPresentModes));
        var median = category switch
        {
            Electronics => 140.0,
            Travel => 210.0,
            GiftCards => 50.0,
            Gaming => 15.0,
            _ => 28.0,
        };
        row.Number(AmountEur, row.LogNormal(median, 1.0));
        row.Number(CardAgeDays, Math.Floor(row.LogNormal(540, 1.1)));
        var cardNotPresent = mode is Online or Manual;
        row.Number(DistanceFromHomeKm, row.LogNormal(cardNotPresent ? 40 : 6, 1.4));
        row.Number(TxnCount24h, Math.Floor(row.LogNormal(2.2, 0.7)));
        row.Number(ForeignMerchant, row.Chance(category == Travel ? 0.35 : 0.05) ? 1 : 0);
    }

    public void Evaluate(ReadOnlySpan<double> values, RowTime time, Span<double> effects)
    {
        var category = (int)values[MerchantCategory];
        var cardNotPresent = values[EntryMode] is Online or Manual;
        effects[0] = 1;
        effects[1] = PortableMath.Log(values[AmountEur] / 30.0);
        effects[2] = category is Electronics or GiftCards or Gaming ? 1 : 0;
        effects[3] = cardNotPresent ? 1 : 0;
        effects[4] = values[CardAgeDays] < 30 ? 1 : 0;
        effects[5] = PortableMath.Log(1 + values[DistanceFromHomeKm]);
        effects[6] = values[TxnCount24h];
        effects[7] = values[ForeignMerchant];
        effects[8] = time.HourOfDay < 5 ? 1 : 0;
        effects[9] = cardNotPresent && values[AmountEur] < 3 ? 1 : 0;
    }
}
