using System.Collections.Immutable;
using PPipe.Scenarios.Generation;

namespace PPipe.Scenarios.Templates;

/// <summary>
/// Subscribers of a streaming service, exported weekly from the CRM with whether they cancelled within
/// the following 30 days. Month-to-month contracts, short tenure, a high bill, support trouble, going
/// quiet and a poor survey score all push towards churn; discounts hold people back.
/// </summary>
internal sealed class CustomerChurnWorld : IScenarioWorld
{
    public static readonly CustomerChurnWorld Instance = new();

    private const int Plan = 0;
    private const int Contract = 1;
    private const int TenureMonths = 2;
    private const int MonthlyCharge = 3;
    private const int SupportTickets = 4;
    private const int DaysSinceLogin = 5;
    private const int PaymentMethod = 6;
    private const int Region = 7;
    private const int NpsScore = 8;
    private const int DiscountPct = 9;

    private const int Monthly = 0;
    private const int Invoice = 2;

    private static readonly double[] PlanWeights = [0.34, 0.34, 0.17, 0.15];
    private static readonly double[] PlanPrice = [9.99, 14.99, 22.99, 27.99];
    private static readonly double[] ContractWeights = [0.55, 0.30, 0.15];
    private static readonly double[] AddOnWeights = [0.6, 0.25, 0.15];
    private static readonly double[] PaymentWeights = [0.40, 0.30, 0.10, 0.20];
    private static readonly double[] RegionWeights = [0.27, 0.23, 0.25, 0.25];
    private static readonly double[] DiscountWeights = [0.75, 0.17, 0.08];

    public string TimestampColumn => "snapshot_date";

    public TimeSpan TimestampResolution => TimeSpan.FromDays(1);

    public ImmutableArray<ScenarioFeature> Features { get; } =
    [
        ScenarioFeature.Category("plan", "Subscription plan.", "basic", "standard", "premium", "family"),
        ScenarioFeature.Category("contract", "Contract term.", "monthly", "annual", "two_year"),
        ScenarioFeature.Number("tenure_months", "Months since the customer signed up.", "months", 0, 0, 120),
        ScenarioFeature.Number("monthly_charge", "Amount billed last month including add-ons.", "EUR", 2, 0, 200),
        ScenarioFeature.Number("support_tickets_90d", "Support tickets opened in the last 90 days.", null, 0, 0, 40),
        ScenarioFeature.Number("days_since_last_login", "Days since the customer last used the service.", "days", 0, 0, 365),
        ScenarioFeature.Category("payment_method", "How the customer pays.", "card", "direct_debit", "invoice", "paypal"),
        ScenarioFeature.Category("region", "Sales region.", "north", "south", "east", "west"),
        ScenarioFeature.Number("nps_score", "Latest answer to 'how likely are you to recommend us' (0-10); optional survey.", null, 0, 0, 10),
        ScenarioFeature.Number("discount_pct", "Retention discount on the current bill.", "%", 0, 0, 50),
    ];

    public ScenarioTarget Target { get; } = new("churned_30d", ScenarioTask.Binary, "yes when the customer cancelled within 30 days of the snapshot.", null, 0, ["no", "yes"]);

    public ImmutableArray<ConceptEffect> Effects { get; } =
    [
        new("base", "Log-odds of churn for a long-standing, satisfied customer.", 0, -3.4),
        new("monthlyContract", "Month-to-month contract.", 0, 1.2),
        new("shortTenure", "1 / (1 + tenure / 6 months): new customers leave more.", 0, 1.3),
        new("priceSensitivity", "Monthly charge above 18 EUR, per 10 EUR.", 0, 0.45),
        new("supportTickets", "Support tickets in the last 90 days.", 0, 0.3),
        new("inactivity", "Log of one plus days since the last login.", 0, 0.5),
        new("lowNps", "Survey score below 7, per 3 points.", 0, 0.35),
        new("invoicePayment", "Pays by invoice (no automatic payment).", 0, 0.35),
        new("discount", "Retention discount, per 10 %.", 0, -0.35),
    ];

    public double NoiseSd => 0;

    public void Sample(RowSampler row)
    {
        var plan = row.Category(Plan, row.Pick(PlanWeights));
        row.Category(Contract, row.Pick(ContractWeights));
        row.Number(TenureMonths, Math.Floor(row.LogNormal(14, 0.95)));
        var price = plan < PlanPrice.Length ? PlanPrice[plan] : PlanPrice[1];
        row.Number(MonthlyCharge, price + 4.0 * row.Pick(AddOnWeights) + row.Normal(0, 1.0));
        var tickets = row.Number(SupportTickets, Math.Floor(row.LogNormal(0.6, 1.0)));
        var idle = row.Number(DaysSinceLogin, Math.Floor(row.LogNormal(3.5, 1.1)));
        row.Category(PaymentMethod, row.Pick(PaymentWeights));
        row.Category(Region, row.Pick(RegionWeights));
        row.Number(NpsScore, Math.Round(8.2 - 0.7 * tickets - 0.04 * idle + row.Normal(0, 1.6)));
        row.Number(DiscountPct, 10.0 * row.Pick(DiscountWeights));
    }

    public void Evaluate(ReadOnlySpan<double> values, RowTime time, Span<double> effects)
    {
        effects[0] = 1;
        effects[1] = values[Contract] == Monthly ? 1 : 0;
        effects[2] = 1 / (1 + values[TenureMonths] / 6);
        effects[3] = (values[MonthlyCharge] - 18) / 10;
        effects[4] = values[SupportTickets];
        effects[5] = PortableMath.Log(1 + values[DaysSinceLogin]);
        effects[6] = (7 - values[NpsScore]) / 3;
        effects[7] = values[PaymentMethod] == Invoice ? 1 : 0;
        effects[8] = values[DiscountPct] / 10;
    }
}
