using System.Globalization;
using PPipe.Frontend.Students;
using PPipe.Scenarios;

namespace PPipe.Frontend.Components.Pages.Student;

/// <summary>
/// Copy-paste examples for the channels a scenario uses, filled with this deployment's address and the
/// student's bucket. The token never appears: it is stored only hashed, so examples read it from
/// <c>$PPIPE_TOKEN</c>. The bucket secret appears only when the student asked to see it.
/// </summary>
public static class ChannelExamples
{
    public const string TokenVariable = "PPIPE_TOKEN";

    /// <summary>What the student runs first, whichever channel they use.</summary>
    public const string TokenSetup = "export PPIPE_TOKEN=<the token you signed in with>";

    /// <summary>The placeholder standing in for the bucket secret while it is hidden.</summary>
    public const string HiddenSecret = "<your secret access key: press Show secret>";

    /// <summary>curl against the REST API: releases (with If-None-Match), downloads, submissions, registrations.</summary>
    public static string Curl(Scenario scenario, string baseUrl)
    {
        var api = Api(baseUrl);
        var lines = new List<string>
        {
            TokenSetup,
            $"export PPIPE_API={api}",
            "",
            "# releases available now; send back the ETag you got and the answer is 304 while nothing is new",
            "curl -i -H \"Authorization: Bearer $PPIPE_TOKEN\" $PPIPE_API/releases",
            "curl -i -H \"Authorization: Bearer $PPIPE_TOKEN\" -H 'If-None-Match: \"<the ETag of the last answer>\"' $PPIPE_API/releases",
            "",
            "# download release 1 (labelled rows; .jsonl works too)",
            "curl -H \"Authorization: Bearer $PPIPE_TOKEN\" -o release-0001.csv $PPIPE_API/releases/1.csv",
        };

        if (scenario.Batches is not null)
        {
            lines.AddRange(
            [
                "",
                "# prediction windows, then the rows of batch 1 to predict",
                "curl -H \"Authorization: Bearer $PPIPE_TOKEN\" $PPIPE_API/batches",
                "curl -H \"Authorization: Bearer $PPIPE_TOKEN\" -o batch-0001.csv $PPIPE_API/batches/1/features.csv",
                "",
                $"# submit predictions for batch 1: a CSV with the header id,prediction{(scenario.Task == ScenarioTask.Binary ? "[,probability]" : "")}",
                "curl -H \"Authorization: Bearer $PPIPE_TOKEN\" -H 'Content-Type: text/csv' --data-binary @predictions.csv $PPIPE_API/batches/1/predictions",
            ]);
        }

        if (scenario.Endpoint is not null)
        {
            lines.AddRange(
            [
                "",
                "# register your model endpoint: it is probed once at once and the answer shows that probe",
                "curl -X PUT -H \"Authorization: Bearer $PPIPE_TOKEN\" -H 'Content-Type: application/json' -d '{\"url\":\"https://my-model.example/predict\"}' $PPIPE_API/endpoint",
            ]);
        }

        lines.AddRange(
        [
            "",
            "# register a webhook for release notices; the answer holds the secret that signs them",
            "curl -X PUT -H \"Authorization: Bearer $PPIPE_TOKEN\" -H 'Content-Type: application/json' -d '{\"url\":\"https://my-pipeline.example/hook\"}' $PPIPE_API/webhook",
        ]);

        if (Uses(scenario, Channel.Stream))
        {
            lines.AddRange(
            [
                "",
                "# stream release notices and other events as they happen (server-sent events)",
                "curl -N -H \"Authorization: Bearer $PPIPE_TOKEN\" $PPIPE_API/events",
            ]);
        }

        lines.AddRange(["", "# your grade, criterion by criterion", "curl -H \"Authorization: Bearer $PPIPE_TOKEN\" $PPIPE_API/grade"]);
        return string.Join('\n', lines);
    }

    /// <summary>Python with requests: poll the releases cheaply, download what is new, submit predictions.</summary>
    public static string Python(Scenario scenario, string baseUrl)
    {
        var text = $$"""
            # {{TokenSetup}}
            import os, time, requests

            API = "{{Api(baseUrl)}}"
            session = requests.Session()
            session.headers["Authorization"] = "Bearer " + os.environ["PPIPE_TOKEN"]

            etag, seen = None, 0
            while True:
                answer = session.get(f"{API}/releases", headers={"If-None-Match": etag} if etag else {})
                if answer.status_code == 503:  # the channel is in an outage: come back when it says
                    time.sleep(int(answer.headers.get("Retry-After", "60")))
                    continue
                answer.raise_for_status()
                if answer.status_code == 200:
                    etag = answer.headers["ETag"]
                    for release in answer.json()["releases"]:
                        if release["seq"] <= seen:
                            continue
                        seen = release["seq"]
                        if "csv" in release["links"]:  # bucket releases are read with an S3 client
                            with session.get(f"{API}/releases/{release['seq']}.csv", stream=True) as rows:
                                rows.raise_for_status()
                                with open(f"release-{release['seq']:04d}.csv", "wb") as out:
                                    for chunk in rows.iter_content(1 << 16):
                                        out.write(chunk)
                time.sleep(30)
            """;

        if (scenario.Batches is not null)
        {
            text += """


                # predictions for batch 1: a CSV with the header id,prediction
                with open("predictions.csv", "rb") as body:
                    answer = session.post(f"{API}/batches/1/predictions", data=body, headers={"Content-Type": "text/csv"})
                print(answer.status_code, answer.json())  # 202 with submissionId, late and remaining; 422 lists bad rows
                """;
        }

        return text;
    }

    /// <summary>The AWS CLI against the bucket channel; <paramref name="showSecret"/> fills in the secret.</summary>
    public static string AwsCli(StudentBucket bucket, bool showSecret) => $"""
        export AWS_ACCESS_KEY_ID={bucket.AccessKeyId}
        export AWS_SECRET_ACCESS_KEY={(showSecret ? bucket.SecretAccessKey : HiddenSecret)}
        export AWS_DEFAULT_REGION={bucket.Region}

        # the releases delivered to your bucket, then one of them
        aws s3 ls s3://{bucket.Bucket}/releases/ --endpoint-url {bucket.Endpoint}
        aws s3 cp s3://{bucket.Bucket}/releases/0001.csv release-0001.csv --endpoint-url {bucket.Endpoint}
        """;

    /// <summary>What the platform posts to the student's endpoint and what it expects back. A forecast's instances
    /// also carry the recent values of their series: the time of the last one and the values, oldest first.</summary>
    public static string EndpointRequest(IReadOnlyList<string> features, ForecastPlan? forecast = null)
    {
        var fields = features.Select(f => $"\"{f}\": …");
        if (forecast is not null)
        {
            fields = fields.Append("\"origin\": \"<time of the last value>\"")
                .Append($"\"history\": [<the last {forecast.ContextSteps.ToString(CultureInfo.InvariantCulture)} values of {(forecast.SeriesColumn is { } series ? $"the {series}" : "the series")}, oldest first>]");
        }

        var instance = string.Join(", ", fields);
        return $$"""
            POST <your endpoint URL>
            Content-Type: application/json

            {"instances": [{{{instance}}}, …]}
            """;
    }

    /// <summary>An example answer with values of the scenario's target type.</summary>
    public static string EndpointResponse(ScenarioTarget target)
    {
        var values = target.Task.IsNumeric()
            ? string.Join(", ", new[] { 12.5, 7.25 }.Select(v => v.ToString(CultureInfo.InvariantCulture)))
            : string.Join(", ", target.Classes.Take(2).Select(c => $"\"{c}\""));
        return $$"""
            200 OK
            Content-Type: application/json

            {"predictions": [{{values}}, …]}
            """;
    }

    public static bool Uses(Scenario scenario, Channel channel) => scenario.Releases.Rotation.Contains(channel);

    private static string Api(string baseUrl) => baseUrl.TrimEnd('/') + "/api/v1";
}
