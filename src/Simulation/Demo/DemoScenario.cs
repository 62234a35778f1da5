namespace PPipe.Simulation.Demo;

/// <summary>
/// The demo's own scenario, uploaded when it starts: the taxi-fares template with monitoring assessed and, lightly, model
/// lineage, reproducibility and rollouts, and events a
/// monitoring student can see from outside, one of each kind a few days apart — the trips API down for 8 hours on
/// day 6, <c>passenger_count</c> renamed on day 9, a new rate card on day 15 (steeper than the template's, so the
/// fares' mean jumps clearly whatever the day of the week), and trips 2 km longer from day 21. The template's blank
/// passenger counts are left out: present from the first release, they are no change a monitor could notice.
/// </summary>
public static class DemoScenario
{
    public const string Spec = """
        template: taxi-fares
        title: Taxi fare audit, monitored
        drift:
          - at: 14d
            kind: concept
            effects: {base: 4.0, perKm: 2.3, congestionFee: 2.75}
            note: New TLC rate card — higher flag drop and per-km rate, a congestion fee for Midtown and Downtown.
          - at: 20d
            kind: covariate
            feature: distance_km
            shift: 2
            note: A bridge closes for repairs; trips take the long way round.
        quirks:
          - at: 5d
            kind: outage
            channel: api
            for: 8h
            note: Trips API maintenance window; the day's file is published when it is back.
          - at: 8d
            kind: renameColumn
            column: passenger_count
            to: passengers
            note: The new tablet software exports the passenger count under another name.
        monitoring: {window: 1d, detectWithin: 2d, reportsPerDay: 10}
        grading:
          criteria:
            acquisition: 0.10
            batchQuality: 0.15
            punctuality: 0.10
            endpointAvailability: 0.10
            endpointLatency: 0.05
            endpointQuality: 0.10
            adaptation: 0.10
            monitoring: 0.15
            lineage: 0.05
            reproducibility: 0.05
            rollout: 0.05
        """;
}
