using System.Collections.Immutable;
using PPipe.Scenarios.Generation;

namespace PPipe.Scenarios.Templates;

/// <summary>
/// Telemetry from pumps, compressors and fans on a plant floor; each reading is labelled with the failure
/// that followed within 24 hours, if any. Bearings fail on vibration and age, motors overheat under
/// load, and electrical faults follow voltage sags and unstable speed. The concept is written on the true
/// physical values, so a recalibrated sensor changes what the readings mean.
/// </summary>
internal sealed class PredictiveMaintenanceWorld : IScenarioWorld
{
    public static readonly PredictiveMaintenanceWorld Instance = new();

    private const int MachineType = 0;
    private const int OperatingHours = 1;
    private const int LoadPct = 2;
    private const int TemperatureC = 3;
    private const int VibrationMmS = 4;
    private const int PressureBar = 5;
    private const int Rpm = 6;
    private const int VoltageV = 7;

    private static readonly double[] TypeWeights = [0.45, 0.35, 0.20];
    private static readonly double[] BaseTemperature = [55, 68, 45];
    private static readonly double[] BasePressure = [6.2, 8.6, 1.1];
    private static readonly double[] PressureSpread = [0.5, 0.7, 0.15];
    private static readonly double[] NominalRpm = [1480, 2950, 980];

    public string TimestampColumn => "reading_at";

    public TimeSpan TimestampResolution => TimeSpan.FromMinutes(1);

    public ImmutableArray<ScenarioFeature> Features { get; } =
    [
        ScenarioFeature.Category("machine_type", "Kind of machine.", "pump", "compressor", "fan"),
        ScenarioFeature.Number("operating_hours", "Hours run since the last overhaul.", "h", 0, 0, 60000),
        ScenarioFeature.Number("load_pct", "Load relative to rated capacity.", "%", 1, 0, 120),
        ScenarioFeature.Number("temperature_c", "Motor winding temperature.", "°C", 1, -20, 150),
        ScenarioFeature.Number("vibration_mm_s", "RMS vibration velocity at the bearing housing.", "mm/s", 2, 0, 50),
        ScenarioFeature.Number("pressure_bar", "Outlet pressure.", "bar", 2, 0, 20),
        ScenarioFeature.Number("rpm", "Shaft speed.", "rpm", 0, 0, 4000),
        ScenarioFeature.Number("voltage_v", "Supply voltage (three-phase, line to line).", "V", 1, 300, 450),
    ];

    public ScenarioTarget Target { get; } = new(
        "failure_mode",
        ScenarioTask.Multiclass,
        "The failure recorded by maintenance within 24 hours of the reading, or none.",
        null,
        0,
        ["none", "bearing", "overheating", "electrical"]);

    public ImmutableArray<ConceptEffect> Effects { get; } =
    [
        new("bearingBase", "Log-odds of a bearing failure against none.", 1, -4.6),
        new("bearingVibration", "Vibration above 3 mm/s.", 1, 1.25),
        new("bearingWear", "Operating hours in tens of thousands.", 1, 0.35),
        new("overheatingBase", "Log-odds of overheating against none.", 2, -3.8),
        new("overheatingTemperature", "Winding temperature above 65 °C, per 5 °C.", 2, 1.1),
        new("overheatingLoad", "Load above 70 %, per 10 %.", 2, 0.5),
        new("electricalBase", "Log-odds of an electrical fault against none.", 3, -4.1),
        new("electricalVoltageSag", "Voltage below 395 V, per 5 V.", 3, 0.9),
        new("electricalRpmDeviation", "Distance from nominal speed, per 50 rpm.", 3, 0.8),
    ];

    public double NoiseSd => 0;

    public void Sample(RowSampler row)
    {
        var type = row.Category(MachineType, row.Pick(TypeWeights));
        type = Math.Min(type, 2);
        var hours = row.Number(OperatingHours, Math.Floor(row.Uniform(200, 42000)));
        var load = row.Number(LoadPct, 40 + 55 * PortableMath.Exp(0.8 * PortableMath.Log(row.Uniform())));
        var daily = 2.0 * PortableMath.Sin(2 * Math.PI * (row.Time.HourOfDay - 9) / 24);
        row.Number(TemperatureC, BaseTemperature[type] + 0.25 * (load - 60) + daily + row.Normal(0, 3.5));
        row.Number(VibrationMmS, row.LogNormal(2.4, 0.4) + hours / 42000 * 2.2);
        row.Number(PressureBar, row.Normal(BasePressure[type], PressureSpread[type]));
        var unstable = row.Chance(0.1) ? row.Normal(0, 120) : 0;
        row.Number(Rpm, Math.Round(row.Normal(NominalRpm[type], 0.017 * NominalRpm[type]) + unstable));
        var sag = row.Chance(0.06) ? row.LogNormal(18, 0.4) : 0;
        row.Number(VoltageV, row.Normal(400, 5) - sag);
    }

    public void Evaluate(ReadOnlySpan<double> values, RowTime time, Span<double> effects)
    {
        var type = Math.Min((int)values[MachineType], 2);
        effects[0] = 1;
        effects[1] = values[VibrationMmS] - 3;
        effects[2] = values[OperatingHours] / 10000;
        effects[3] = 1;
        effects[4] = (values[TemperatureC] - 65) / 5;
        effects[5] = (values[LoadPct] - 70) / 10;
        effects[6] = 1;
        effects[7] = Math.Max(0, 395 - values[VoltageV]) / 5;
        effects[8] = Math.Abs(values[Rpm] - NominalRpm[type]) / 50;
    }
}
