#!/usr/bin/env bash
# Runs the P-PIPE tests.
#
#   scripts/test.sh          The full CI run (.ci/run calls it) on a fresh machine:
#                              - installs PostgreSQL, Chromium, the AWS CLI and pandas from Debian's packages if missing
#                                (the browser tests drive /usr/bin/chromium through Playwright for .NET, whose driver
#                                comes in its NuGet package: nothing else is downloaded),
#                              - starts a throwaway PostgreSQL server on a free loopback port in a temp directory,
#                              - starts a throwaway SMTP server (Debian's python3-aiosmtpd, scripts/smtp.sh) that keeps
#                                the mail it accepts in a Maildir, for the tests that send mail and read what arrived,
#                              - builds the solution in Release and runs every test project against them, one at a time,
#                              - stops both servers even when tests fail,
#                              - prints where the browser tests saved their screenshots.
#   Either way, when tests fail, the first lines of each failure are printed again at the end.
#   scripts/test.sh --fast   The fast lane: builds and runs only the test projects that need no PostgreSQL, browser,
#                            AWS CLI or child process. Installs nothing and starts no server.
#
# Either way the last line is "Tests: N passed, N failed, N skipped". Other arguments go to `dotnet test`.
#
# Lanes. A test project is a project under tests/ that references xunit.v3. It runs in the fast lane unless its
# .csproj sets <PPipeTestLane>full</PPipeTestLane>, which a project must do when it needs PostgreSQL, a browser, the
# AWS CLI or starts processes of its own. So a new test project is in the fast lane as soon as it is in PPipe.sln,
# and leaves it only by saying why. Both lanes take the projects from PPipe.sln.
#
# Screenshots go to $PPIPE_SCREENSHOTS when set (relative to the repository root), else tests/Browser.Tests/bin/Release/net10.0/TestResults/screenshots.
set -euo pipefail
cd "$(dirname "$0")/.."

fast=false
if [ "${1:-}" = "--fast" ]; then
  fast=true
  shift
fi

log=$(mktemp /tmp/ppipe-test.XXXXXX.log)
status=0

if $fast; then
  projects=()
  for project in tests/*/*.csproj; do
    grep -q 'Include="xunit.v3"' "$project" || continue
    grep -q '<PPipeTestLane>full</PPipeTestLane>' "$project" && continue
    projects+=("$project")
  done
  [ "${#projects[@]}" -gt 0 ] || { echo "No fast test projects found under tests/." >&2; exit 1; }
  echo "Fast lane: ${projects[*]}" >&2

  # A solution filter of the fast projects: one build, one test run, references built as needed.
  filter_dir=$(mktemp -d /tmp/ppipe-fast.XXXXXX)
  trap 'rm -rf "$filter_dir"' EXIT
  filter="$filter_dir/fast.slnf"
  {
    printf '{\n  "solution": {\n    "path": "%s",\n    "projects": [\n' "$PWD/PPipe.sln"
    for i in "${!projects[@]}"; do
      separator=","
      [ "$i" -eq $((${#projects[@]} - 1)) ] && separator=""
      printf '      "%s"%s\n' "${projects[$i]//\//\\\\}" "$separator"
    done
    printf '    ]\n  }\n}\n'
  } > "$filter"

  dotnet build "$filter" -c Release -nologo -clp:ErrorsOnly
  # Two modules at a time: they are in-process and the machine has two cores.
  dotnet test --solution "$filter" -c Release --no-build --max-parallel-test-modules 2 "$@" 2>&1 | tee "$log" || status=$?
else
  # The bucket channel is tested with the real AWS CLI (Debian's awscli), not only our own signer.
  if [ ! -x /usr/bin/aws ]; then
    echo "Installing the AWS CLI from Debian packages..." >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2 && apt-get install -y -qq --no-install-recommends awscli >&2
  fi

  # The research export is read back as a researcher would, with pandas: Debian's package, not one from PyPI.
  if ! /usr/bin/python3 -c 'import pandas' 2>/dev/null; then
    echo "Installing pandas from Debian packages..." >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2 && apt-get install -y -qq --no-install-recommends python3-pandas >&2
  fi

  # The UI is tested end to end in headless Chromium: Debian's package, not a browser Playwright downloads.
  if [ ! -x /usr/bin/chromium ]; then
    echo "Installing Chromium from Debian packages..." >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2 && apt-get install -y -qq --no-install-recommends chromium >&2
  fi
  if [ -n "${PPIPE_SCREENSHOTS:-}" ]; then export PPIPE_SCREENSHOTS; PPIPE_SCREENSHOTS=$(realpath -m "$PPIPE_SCREENSHOTS"); fi
  screenshots="${PPIPE_SCREENSHOTS:-$PWD/tests/Browser.Tests/bin/Release/net10.0/TestResults/screenshots}"

  eval "$(scripts/postgres.sh start)"
  cleanup() { scripts/postgres.sh stop "$PPIPE_PG_DIR"; [ -z "${PPIPE_SMTP_DIR:-}" ] || scripts/smtp.sh stop "$PPIPE_SMTP_DIR"; }
  trap cleanup EXIT
  export PPIPE_TEST_POSTGRES
  eval "$(scripts/smtp.sh start)"
  export PPIPE_TEST_SMTP_PORT PPIPE_TEST_MAILDIR

  dotnet build PPipe.sln -c Release -nologo -clp:ErrorsOnly

  # Test modules run one at a time: the integration tests start silo processes and PostgreSQL databases of their own,
  # and the timing-sensitive cluster tests of the in-process modules share the machine's two cores with nothing else.
  dotnet test --solution PPipe.sln -c Release --no-build --max-parallel-test-modules 1 "$@" 2>&1 | tee "$log" || status=$?

  shots=0
  [ -d "$screenshots" ] && shots=$(find "$screenshots" -maxdepth 1 -name '*.png' | wc -l)
  echo
  echo "Browser screenshots ($shots): $screenshots"
fi

summary() { grep -E "^\s*$1:\s*[0-9]+" "$log" | tail -n 1 | grep -oE '[0-9]+' || echo 0; }
total=$(summary total); failed=$(summary failed); passed=$(summary succeeded); skipped=$(summary skipped)
if [ "$failed" -ne 0 ]; then
  # The runner prints a failure where it happens, amid the output of every module; CI shows the end of the output.
  echo
  echo "Failed tests (the first lines of each; the whole of it is in the log):"
  awk '/^failed /{n=14} n>0 {print; n--}' "$log" | cut -c1-400
fi
echo
echo "Tests: $passed passed, $failed failed, $skipped skipped"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$total" -eq 0 ]; then
  echo "Test run failed (exit $status); full log: $log" >&2
  exit 1
fi
rm -f "$log"
