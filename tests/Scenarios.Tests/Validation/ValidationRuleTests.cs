using PPipe.Scenarios.Spec;

namespace PPipe.Scenarios.Tests.Validation;

/// <summary>Every validation rule: a spec that breaks only that rule, and the exact error it gets.</summary>
public sealed class ValidationRuleTests
{
    public static TheoryData<string, string, string> Rules => new()
    {
        // The document
        { "", "", "the spec is empty; start with a line like 'template: taxi-fares'" },
        { "# only a comment\n", "", "the spec is empty; start with a line like 'template: taxi-fares'" },
        { "- taxi-fares", "", "expected keys and values at the top (like 'template: taxi-fares'), got a list" },
        { "---\ntemplate: taxi-fares\n---\ntemplate: card-fraud", "", "the spec holds several YAML documents (separated by '---'); keep one" },

        // Keys and types
        { "template: taxi-fares\nmetrik: rmse", "metrik", "unknown key; did you mean 'metric'?" },
        { "template: taxi-fares\nreleases:\n  cadance: 2d", "releases.cadance", "unknown key; did you mean 'cadence'?" },
        { "template: taxi-fares\nfoo: 1", "foo", "unknown key; expected one of template, dataset, title, briefing, seed, duration, task, target, metric, forecast, releases, batches, endpoint, drift, quirks, grading, monitoring" },
        { "template: taxi-fares\nseed: 1\nseed: 2", "seed", "appears more than once; keep one" },
        { "template: taxi-fares\nseed: abc", "seed", "expected a whole number, got 'abc'" },
        { "template: taxi-fares\nreleases: 5", "releases", "expected keys and values, got '5'" },
        { "template: taxi-fares\ndrift: {at: 1d}", "drift", "expected a list (items starting with '- '), got keys and values" },
        { "template: taxi-fares\nbatches: {enabled: maybe}", "batches.enabled", "expected true or false, got 'maybe'" },
        { "template: taxi-fares\nendpoint: {slo: {availability: high}}", "endpoint.slo.availability", "expected a number, got 'high'" },
        { "template: taxi-fares\ntitle: [a, b]", "title", "expected a single value, got a list" },

        // Template, seed, duration, task, target, metric
        { "seed: 3", "template", "required: name a built-in template (taxi-fares, card-fraud, predictive-maintenance, customer-churn, energy-demand, water-demand)" },
        { "template: taxi-fare", "template", "'taxi-fare' is not a built-in template; did you mean 'taxi-fares'?" },
        { "template: weather", "template", "'weather' is not a built-in template; use one of taxi-fares, card-fraud, predictive-maintenance, customer-churn, energy-demand, water-demand" },
        { "template: taxi-fares\nseed: -1", "seed", "-1 must be zero or more" },
        { "template: taxi-fares\nduration: 28", "duration", "'28' has no unit; write e.g. 28d, 28h or 28m" },
        { "template: taxi-fares\nduration: 3 weeks", "duration", "'3 weeks' is not a duration; write e.g. 36h, 7d, 90m or 1d12h" },
        { "template: taxi-fares\nduration: 0d", "duration", "0d must be longer than zero" },
        { "template: taxi-fares\nduration: 400d", "duration", "400d is longer than the 365d maximum" },
        { "template: taxi-fares\ntask: classification", "task", "'classification' is not a task; use one of binary, multiclass, regression, forecast" },
        { "template: taxi-fares\ntask: binary", "task", "taxi-fares predicts fare_usd, a regression target; remove task or set it to regression" },
        { "template: taxi-fares\ntarget: fare", "target", "'fare' is not the target of taxi-fares; remove target or set it to fare_usd" },
        { "template: taxi-fares\nmetric: f1", "metric", "'f1' is not a metric; use one of accuracy, macroF1, rocAuc, logLoss, rmse, mae, r2, mase, smape" },
        { "template: taxi-fares\nmetric: accuracy", "metric", "accuracy does not apply to a regression task; use one of rmse, mae, r2" },
        { "template: predictive-maintenance\nmetric: rocAuc", "metric", "rocAuc does not apply to a multiclass task; use one of accuracy, macroF1" },

        // Releases
        { "template: taxi-fares\nreleases: {first: 30d}", "releases.first", "30d is after the end of the scenario (28d)" },
        { "template: taxi-fares\nreleases: {first: 28d}", "releases.first", "28d is the very end of the scenario; nothing would happen after it" },
        { "template: taxi-fares\nreleases: {cadence: 0h}", "releases.cadence", "0h must be longer than zero" },
        { "template: taxi-fares\nreleases: {rows: 0}", "releases.rows", "0 must be between 1 and 1000000" },
        { "template: taxi-fares\nreleases: {channel: api, rotation: [bucket]}", "releases.rotation", "set either channel (one for all releases) or rotation (taken in turn), not both" },
        { "template: taxi-fares\nreleases: {channel: ftp}", "releases.channel", "'ftp' is not a channel; use one of api, bucket, webhook, stream" },
        { "template: taxi-fares\nreleases: {rotation: [api, sftp]}", "releases.rotation[1]", "'sftp' is not a channel; use one of api, bucket, webhook, stream" },
        { "template: taxi-fares\nreleases: {rotation: []}", "releases.rotation", "list at least one channel, e.g. [api, bucket]" },
        { "template: taxi-fares\nreleases: {cadence: 1m}", "releases.cadence", "1m makes 40320 releases in 28d; at most 10000 fit in one scenario" },
        { "template: taxi-fares\nreleases: {cadence: 1h, rows: 1000000}", "releases.rows", "1000000 rows in each of 672 releases make 672000000 rows; at most 100000000 fit in one scenario" },

        // Batches
        { "template: taxi-fares\nbatches: {first: 27d, dueAfter: 2d}", "batches.dueAfter", "the first batch would be due at 29d, after the end of the scenario (28d)" },
        { "template: taxi-fares\nbatches: {rows: 0}", "batches.rows", "0 must be between 1 and 100000" },
        { "template: taxi-fares\nbatches: {submissionLimit: 0}", "batches.submissionLimit", "0 must be between 1 and 1000" },
        { "template: taxi-fares\nbatches: {cadence: 1m, dueAfter: 1m}", "batches.cadence", "1m makes 38880 batches in 28d; at most 10000 fit in one scenario" },
        { "template: taxi-fares\nbatches: {late: {policy: lenient}}", "batches.late.policy", "'lenient' is not a late policy; use one of accept, reject, penalty" },
        { "template: taxi-fares\nbatches: {late: {policy: penalty}}", "batches.late.penalty", "required for the penalty policy: the fraction of the score lost, e.g. 0.25" },
        { "template: taxi-fares\nbatches: {late: {policy: penalty, penalty: 1.5}}", "batches.late.penalty", "1.5 must be more than 0 and at most 1" },
        { "template: taxi-fares\nbatches: {late: {policy: accept, penalty: 0.1}}", "batches.late.penalty", "only applies to the penalty policy" },
        { "template: taxi-fares\nbatches: {late: {policy: reject, cutoff: 1h}}", "batches.late.cutoff", "does not apply to the reject policy (nothing late is taken)" },

        // Endpoint
        { "template: taxi-fares\nendpoint: {from: 29d}", "endpoint.from", "29d is after the end of the scenario (28d)" },
        { "template: taxi-fares\nendpoint: {timeout: 5m}", "endpoint.timeout", "5m must be between 100ms and 1m" },
        { "template: taxi-fares\nendpoint: {rowsPerProbe: 0}", "endpoint.rowsPerProbe", "0 must be between 1 and 1000" },
        { "template: taxi-fares\nendpoint: {slo: {availability: 1.5}}", "endpoint.slo.availability", "1.5 must be more than 0 and at most 1" },
        { "template: taxi-fares\nendpoint: {slo: {p95LatencyMs: 3000}}", "endpoint.slo.p95LatencyMs", "3000 is above the timeout (2s); no probe can take that long" },
        { "template: taxi-fares\nendpoint: {probeInterval: 100ms}", "endpoint.probeInterval", "100ms makes 21600000 probes in 28d; at most 10000000 fit in one scenario" },

        // Drift
        {
            "template: taxi-fares\ndrift:\n  - {at: 10d, kind: concept, effects: {perKm: 2}}\n  - {at: 14d, kind: covariate, feature: distance_km, shift: 1}\n  - {at: 30d, kind: concept, effects: {perKm: 2.5}}",
            "drift[2].at", "30d is after the end of the scenario (28d)"
        },
        { "template: taxi-fares\ndrift:\n  - {at: 28d, kind: concept, effects: {perKm: 2}}", "drift[0].at", "28d is the very end of the scenario; nothing would happen after it" },
        { "template: taxi-fares\ndrift:\n  - {kind: concept, effects: {perKm: 2}}", "drift[0].at", "required: when the drift starts, e.g. 14d" },
        { "template: taxi-fares\ndrift:\n  - {at: 5d, effects: {perKm: 2}}", "drift[0].kind", "required: one of concept, covariate, recalibration, label" },
        { "template: taxi-fares\ndrift:\n  - {at: 5d, kind: concpt, effects: {perKm: 2}}", "drift[0].kind", "'concpt' is not a drift kind; did you mean 'concept'?" },
        { "template: taxi-fares\ndrift:\n  - {at: 5d, kind: concept, feature: distance_km, effects: {perKm: 2}}", "drift[0].feature", "does not apply to concept drift; it takes mode, effects, over, period, active, for" },
        { "template: taxi-fares\ndrift:\n  - {at: 5d, kind: concept, mode: sudden, effects: {perKm: 2}}", "drift[0].mode", "'sudden' is not a drift mode; use one of abrupt, gradual, recurring" },
        { "template: taxi-fares\ndrift:\n  - {at: 5d, kind: concept}", "drift[0].effects", "required: the effects that change and their new weights, e.g. {base: 2.0}" },
        { "template: taxi-fares\ndrift:\n  - {at: 5d, kind: concept, effects: {perKM: 2}}", "drift[0].effects.perKM", "'perKM' is not an effect of taxi-fares; did you mean 'perKm'?" },
        { "template: taxi-fares\ndrift:\n  - {at: 5d, kind: concept, over: 2d, effects: {perKm: 2}}", "drift[0].over", "only applies to gradual drift" },
        { "template: taxi-fares\ndrift:\n  - {at: 5d, kind: concept, period: 2d, effects: {perKm: 2}}", "drift[0].period", "only applies to recurring drift" },
        { "template: taxi-fares\ndrift:\n  - {at: 5d, kind: concept, mode: gradual, effects: {perKm: 2}}", "drift[0].over", "required: how long the transition takes, e.g. 3d" },
        { "template: taxi-fares\ndrift:\n  - {at: 26d, kind: concept, mode: gradual, over: 3d, effects: {perKm: 2}}", "drift[0].over", "the transition would end at 29d, after the end of the scenario (28d)" },
        { "template: taxi-fares\ndrift:\n  - {at: 5d, kind: concept, mode: gradual, over: 2d, for: 3d, effects: {perKm: 2}}", "drift[0].for", "does not apply to gradual drift: the new concept stays once the transition is over" },
        { "template: taxi-fares\ndrift:\n  - {at: 5d, kind: concept, mode: recurring, active: 1d, effects: {perKm: 2}}", "drift[0].period", "required: how often the new concept returns, e.g. 7d" },
        { "template: taxi-fares\ndrift:\n  - {at: 5d, kind: concept, mode: recurring, period: 1d, active: 1d, effects: {perKm: 2}}", "drift[0].active", "1d must be shorter than the period (1d)" },
        { "template: taxi-fares\ndrift:\n  - {at: 20d, kind: concept, for: 10d, effects: {perKm: 2}}", "drift[0].for", "the drift would last until 30d, after the end of the scenario (28d)" },
        {
            "template: taxi-fares\ndrift:\n  - {at: 10d, kind: concept, mode: gradual, over: 3d, effects: {perKm: 2}}\n  - {at: 12d, kind: concept, effects: {perKm: 2.5}}",
            "drift[1].at", "starts at 12d while drift[0] (gradual until 13d) is still under way; concept drifts cannot overlap"
        },
        {
            "template: taxi-fares\ndrift:\n  - {at: 10d, kind: concept, effects: {perKm: 2}}\n  - {at: 10d, kind: concept, effects: {base: 4}}",
            "drift[1].at", "starts at the same time as drift[0]; put both changes in one drift"
        },
        { "template: taxi-fares\ndrift:\n  - {at: 5d, kind: covariate, feature: distance, shift: 1}", "drift[0].feature", "'distance' is not a feature of taxi-fares; did you mean 'distance_km'?" },
        { "template: taxi-fares\ndrift:\n  - {at: 5d, kind: covariate, feature: pickup_zone, shift: 1}", "drift[0].feature", "'pickup_zone' is a category; covariate shift needs a numeric feature: distance_km, duration_min, passenger_count" },
        { "template: taxi-fares\ndrift:\n  - {at: 5d, kind: covariate, feature: distance_km}", "drift[0].shift", "required: how far the feature's values move, in the feature's unit" },
        { "template: taxi-fares\ndrift:\n  - {at: 5d, kind: recalibration, feature: distance_km, shift: 0}", "drift[0].shift", "must not be zero" },
        { "template: taxi-fares\ndrift:\n  - {at: 5d, kind: recalibration, feature: distance_km, shift: 1, over: 1d}", "drift[0].over", "does not apply to recalibration drift; it takes feature, shift" },

        // Quirks
        { "template: taxi-fares\nquirks:\n  - {kind: duplicates, rate: 0.1}", "quirks[0].at", "required: when the quirk starts, e.g. 10d" },
        { "template: taxi-fares\nquirks:\n  - {at: 3d, kind: duplicate, rate: 0.1}", "quirks[0].kind", "'duplicate' is not a quirk kind; did you mean 'duplicates'?" },
        { "template: taxi-fares\nquirks:\n  - {at: 3d, kind: duplicates, rate: 0.1, channel: api}", "quirks[0].channel", "does not apply to duplicates; it takes rate, for" },
        { "template: taxi-fares\nquirks:\n  - {at: 3d, kind: duplicates}", "quirks[0].rate", "required: the share of rows affected, e.g. 0.05" },
        { "template: taxi-fares\nquirks:\n  - {at: 3d, kind: duplicates, rate: 0.6}", "quirks[0].rate", "0.6 must be more than 0 and at most 0.5" },
        { "template: taxi-fares\nquirks:\n  - {at: 20d, kind: duplicates, rate: 0.1, for: 10d}", "quirks[0].for", "the quirk would last until 30d, after the end of the scenario (28d)" },
        {
            "template: taxi-fares\nquirks:\n  - {at: 5d, kind: duplicates, rate: 0.1, for: 10d}\n  - {at: 12d, kind: duplicates, rate: 0.2}",
            "quirks[1].at", "overlaps quirks[0] (duplicates from 5d until 15d); one duplicates quirk at a time"
        },
        { "template: taxi-fares\nquirks:\n  - {at: 3d, kind: labelNoise, rate: 0.7}", "quirks[0].rate", "0.7 must be more than 0 and at most 0.5" },
        { "template: taxi-fares\nquirks:\n  - {at: 3d, kind: missingValues, rate: 1.5}", "quirks[0].rate", "1.5 must be more than 0 and at most 1" },
        { "template: taxi-fares\nquirks:\n  - {at: 3d, kind: missingValues, rate: 1}", "quirks[0].rate", "1 would remove every value; use less than 1" },
        { "template: taxi-fares\nquirks:\n  - {at: 3d, kind: missingValues, rate: 0.1, columns: [pasenger_count]}", "quirks[0].columns[0]", "'pasenger_count' is not a feature of taxi-fares; did you mean 'passenger_count'?" },
        { "template: taxi-fares\nquirks:\n  - {at: 3d, kind: newCategory, value: ewr_airport, rate: 0.1}", "quirks[0].feature", "required: the categorical feature that gains a value (pickup_zone, dropoff_zone, payment_type)" },
        { "template: taxi-fares\nquirks:\n  - {at: 3d, kind: newCategory, feature: distance_km, value: far, rate: 0.1}", "quirks[0].feature", "'distance_km' is a number; newCategory needs a categorical feature: pickup_zone, dropoff_zone, payment_type" },
        { "template: taxi-fares\nquirks:\n  - {at: 3d, kind: newCategory, feature: payment_type, value: cash, rate: 0.1}", "quirks[0].value", "'cash' is already a category of payment_type" },
        { "template: taxi-fares\nquirks:\n  - {at: 3d, kind: newCategory, feature: payment_type, rate: 0.1}", "quirks[0].value", "required: the new category, e.g. crypto_exchange" },
        { "template: taxi-fares\nquirks:\n  - {at: 3d, kind: newCategory, feature: payment_type, value: voucher, rate: 1}", "quirks[0].rate", "1 must be more than 0 and less than 1" },
        { "template: taxi-fares\nquirks:\n  - {at: 5d, kind: renameColumn, to: fare}", "quirks[0].column", "required: the feature column to rename" },
        { "template: taxi-fares\nquirks:\n  - {at: 5d, kind: renameColumn, column: distance_km}", "quirks[0].to", "required: the column's new name" },
        { "template: taxi-fares\nquirks:\n  - {at: 5d, kind: renameColumn, column: distanse_km, to: km}", "quirks[0].column", "'distanse_km' is not a feature column at 5d; did you mean 'distance_km'?" },
        { "template: taxi-fares\nquirks:\n  - {at: 5d, kind: renameColumn, column: fare_usd, to: fare}", "quirks[0].column", "only feature columns can be renamed; fare_usd is the target" },
        { "template: taxi-fares\nquirks:\n  - {at: 5d, kind: renameColumn, column: distance_km, to: duration_min}", "quirks[0].to", "'duration_min' is already a column at 5d" },
        { "template: taxi-fares\nquirks:\n  - {at: 5d, kind: renameColumn, column: distance_km, to: trip distance}", "quirks[0].to", "'trip distance' is not a valid column name; use letters, digits and underscores, starting with a letter" },
        { "template: taxi-fares\nquirks:\n  - {at: 5d, kind: addColumn, column: distance_km, mean: 1}", "quirks[0].column", "'distance_km' is already a column at 5d" },
        { "template: taxi-fares\nquirks:\n  - {at: 5d, kind: addColumn, column: tip_usd}", "quirks[0]", "addColumn needs values (categories) or a mean (numbers), unless it names a hidden feature of the template" },
        { "template: taxi-fares\nquirks:\n  - {at: 5d, kind: addColumn, column: vendor, values: [a], mean: 1}", "quirks[0].values", "set either values (a categorical column) or mean, sd and decimals (a numeric column), not both" },
        { "template: taxi-fares\nquirks:\n  - {at: 5d, kind: addColumn, column: vendor, values: [a, a]}", "quirks[0].values", "lists a value twice" },
        { "template: energy-demand\nquirks:\n  - {at: 5d, kind: addColumn, column: solar_irradiance_wm2, values: [sunny]}", "quirks[0].values", "does not apply: solar_irradiance_wm2 is a hidden feature of energy-demand and keeps its own values" },
        { "template: taxi-fares\nquirks:\n  - {at: 5d, kind: lateRows, rate: 0.1}", "quirks[0].delay", "required: how late the rows arrive, e.g. 2d" },
        { "template: taxi-fares\nquirks:\n  - {at: 5d, kind: outage, for: 6h}", "quirks[0].channel", "required: the channel that goes down (api, bucket, webhook, stream)" },
        { "template: taxi-fares\nquirks:\n  - {at: 5d, kind: outage, channel: api}", "quirks[0].for", "required: how long the channel is down, e.g. 6h" },
        { "template: taxi-fares\nquirks:\n  - {at: 27d, kind: outage, channel: api, for: 2d}", "quirks[0].for", "the outage would last until 29d, after the end of the scenario (28d)" },

        // Grading
        { "template: taxi-fares\ngrading: {criteria: {batchQuailty: 1}}", "grading.criteria.batchQuailty", "unknown criterion; did you mean 'batchQuality'?" },
        { "template: taxi-fares\ngrading: {criteria: {acquisition: -1, batchQuality: 1}}", "grading.criteria.acquisition", "-1 must be zero or more" },
        { "template: taxi-fares\ngrading: {criteria: {acquisition: 0}}", "grading.criteria", "the weights add up to 0; give at least one criterion a positive weight" },
        { "template: taxi-fares\nendpoint: {enabled: false}\ngrading: {criteria: {batchQuality: 1, endpointQuality: 1}}", "grading.criteria.endpointQuality", "the scenario has no endpoint requirement (endpoint.enabled is false); remove it or set its weight to 0" },
        { "template: taxi-fares\nbatches: {enabled: false}\ngrading: {criteria: {acquisition: 1, punctuality: 1}}", "grading.criteria.punctuality", "the scenario has no batches (batches.enabled is false); remove it or set its weight to 0" },
        { "template: taxi-fares\ndrift: []\ngrading: {criteria: {acquisition: 1, adaptation: 1}}", "grading.criteria.adaptation", "the scenario has no drift to adapt to; remove it or add a drift" },
        { "template: taxi-fares\ndrift: []\ngrading: {criteria: {acquisition: 1, lineage: 1}}", "grading.criteria.lineage", "the scenario has no drift to adapt to; remove it or add a drift" },
        { "template: taxi-fares\nendpoint: {enabled: false}\nbatches: {submissionLimit: 1}\ngrading: {criteria: {acquisition: 1, reproducibility: 1}}", "grading.criteria.reproducibility", "nothing can be checked for reproducibility: the scenario has no endpoint to replay probes to and no batch can be submitted twice (batches.submissionLimit is 1 or batches are off); remove it, enable the endpoint or allow resubmissions" },
        { "template: taxi-fares\nendpoint: {enabled: false}\ngrading: {criteria: {batchQuality: 1, rollout: 1}}", "grading.criteria.rollout", "the scenario has no endpoint requirement (endpoint.enabled is false); remove it or set its weight to 0" },
        { "template: taxi-fares\ngrading: {levels: {advanced: 0.4}}", "grading.levels.advanced", "0.4 must be above proficient (0.5)" },
        { "template: taxi-fares\ngrading: {levels: {expert: 1.2}}", "grading.levels.expert", "1.2 must be more than 0 and at most 1" },
        { "template: taxi-fares\ndrift: []\nquirks: []\ngrading: {criteria: {acquisition: 1, monitoring: 1}}", "grading.criteria.monitoring", "the scenario injects no drift, quirk or outage to report; remove it or add one" },

        // Monitoring
        { "template: taxi-fares\nmonitoring: {windw: 1d}", "monitoring.windw", "unknown key; did you mean 'window'?" },
        { "template: taxi-fares\nmonitoring: {window: 0h}", "monitoring.window", "0h must be longer than zero" },
        { "template: taxi-fares\nmonitoring: {detectWithin: soon}", "monitoring.detectWithin", "'soon' is not a duration; write e.g. 36h, 7d, 90m or 1d12h" },
        { "template: taxi-fares\nmonitoring: {reportsPerDay: 0}", "monitoring.reportsPerDay", "0 must be between 1 and 100" },
        { "template: taxi-fares\nmonitoring: {reportsPerDay: 101}", "monitoring.reportsPerDay", "101 must be between 1 and 100" },
        { "template: taxi-fares\nmonitoring: {postmortemAfter: 0s}", "monitoring.postmortemAfter", "0s must be longer than zero" },

        // Forecasts
        { "template: taxi-fares\nforecast: {horizon: 3}", "forecast", "only a forecast task takes forecast settings, and this one is regression; remove forecast" },
        { "template: water-demand\nforecast: {series: region}", "forecast.series", "'region' is not the series column of water-demand; remove series or set it to district" },
        { "template: water-demand\nforecast: {horizon: 0}", "forecast.horizon", "0 must be between 1 and 1000 steps" },
        { "template: water-demand\nforecast: {horizon: -24}", "forecast.horizon", "-24 must be between 1 and 1000 steps" },
        { "template: water-demand\nforecast: {season: 0}", "forecast.season", "0 must be between 1 and 10000 steps" },
        { "template: water-demand\nforecast: {history: 0d}", "forecast.history", "0d must be longer than zero" },
        { "template: water-demand\nforecast: {history: 1d}", "forecast.history", "1d holds 24 steps; MASE's scale needs at least one season and one step (1d1h)" },
        { "template: water-demand\nforecast: {history: 14d30m}", "forecast.history", "14d30m is not a whole number of steps of 1h" },
        { "template: water-demand\nforecast: {horizon: 30000}", "forecast.horizon", "30000 must be between 1 and 1000 steps" },
        { "template: water-demand\nreleases: {rows: 100}", "releases.rows", "a forecast's releases hold every series at every step of their window (5 series); remove rows" },
        { "template: water-demand\nbatches: {rows: 100}", "batches.rows", "a forecast's batches ask for every series at each of the 24 steps of the horizon; remove rows" },
        { "template: water-demand\nreleases: {cadence: 1d30m}", "releases.cadence", "1d30m is not a whole number of steps of 1h; a forecast's releases hold whole steps" },
        { "template: water-demand\nreleases: {first: 1d}", "batches.first", "batch 1 opens at 0s, before the first release (1d); a forecast needs history first" },
        { "template: water-demand\nbatches: {dueAfter: 30h}", "batches.dueAfter", "batch 1 is due at 1d6h, after release 2 publishes the first values it asks for (1d); make dueAfter at most 1d" },
        { "template: water-demand\nbatches: {late: {policy: accept}}", "batches.late", "batch 1 would take late work after release 2 publishes the values it asks for (1d); use the reject policy or a cutoff of at most 18h" },
        { "template: water-demand\nendpoint: {from: 0d}\nreleases: {first: 1d}\nbatches: {first: 1d}", "endpoint.from", "probes would start at 0s, before the first release (1d); a forecast needs history first" },
        { "template: water-demand\nquirks:\n  - {at: 5d, kind: newCategory, feature: district, value: airport, rate: 0.1}", "quirks[0].feature", "'district' names the series of water-demand, which are fixed; a new value would be a series without history" },
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public void Read_SpecBreakingOneRule_ReportsExactlyThatError(string yaml, string path, string message)
    {
        var result = ScenarioSpecReader.Read(yaml);

        Assert.False(result.IsValid);
        Assert.Equal([new SpecError(path, message)], result.Errors);
    }
}
