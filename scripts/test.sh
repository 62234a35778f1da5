#!/usr/bin/env bash
# Runs the whole P-PIPE test suite on a fresh machine:
#   - installs PostgreSQL from Debian's packages if it is missing,
#   - starts a throwaway server on a free loopback port in a temp directory,
#   - installs Chromium from Debian's packages if it is missing (the browser tests drive /usr/bin/chromium
#     through Playwright for .NET, whose driver comes in its NuGet package: nothing else is downloaded),
#   - builds the solution in Release and runs every test project against it,
#   - stops the server even when tests fail,
#   - prints where the browser tests saved their screenshots,
#   - prints one closing line "Tests: N passed, N failed, N skipped".
# Screenshots go to $PPIPE_SCREENSHOTS when set (relative to the repository root), else tests/Browser.Tests/bin/Release/net10.0/TestResults/screenshots.
set -euo pipefail
cd "$(dirname "$0")/.."

# The bucket channel is tested with the real AWS CLI (Debian's awscli), not only our own signer.
if [ ! -x /usr/bin/aws ]; then
  echo "Installing the AWS CLI from Debian packages..." >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2 && apt-get install -y -qq --no-install-recommends awscli >&2
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
cleanup() { scripts/postgres.sh stop "$PPIPE_PG_DIR"; }
trap cleanup EXIT
export PPIPE_TEST_POSTGRES

dotnet build PPipe.sln -c Release -nologo -clp:ErrorsOnly

log=$(mktemp /tmp/ppipe-test.XXXXXX.log)
status=0
# Test modules run one at a time: the integration tests start silo processes and PostgreSQL
# databases of their own, and the machine has two cores.
dotnet test --solution PPipe.sln -c Release --no-build --max-parallel-test-modules 1 "$@" 2>&1 | tee "$log" || status=$?

summary() { grep -E "^\s*$1:\s*[0-9]+" "$log" | tail -n 1 | grep -oE '[0-9]+' || echo 0; }
shots=0
[ -d "$screenshots" ] && shots=$(find "$screenshots" -maxdepth 1 -name '*.png' | wc -l)
echo
echo "Browser screenshots ($shots): $screenshots"
total=$(summary total); failed=$(summary failed); passed=$(summary succeeded); skipped=$(summary skipped)
echo
echo "Tests: $passed passed, $failed failed, $skipped skipped"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$total" -eq 0 ]; then
  echo "Test run failed (exit $status); full log: $log" >&2
  exit 1
fi
rm -f "$log"
