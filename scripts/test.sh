#!/usr/bin/env bash
# Runs the whole P-PIPE test suite on a fresh machine:
#   - installs PostgreSQL from Debian's packages if it is missing,
#   - starts a throwaway server on a free loopback port in a temp directory,
#   - builds the solution in Release and runs every test project against it,
#   - stops the server even when tests fail,
#   - prints one closing line "Tests: N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")/.."

# The bucket channel is tested with the real AWS CLI (Debian's awscli), not only our own signer.
if [ ! -x /usr/bin/aws ]; then
  echo "Installing the AWS CLI from Debian packages..." >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2 && apt-get install -y -qq --no-install-recommends awscli >&2
fi

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
total=$(summary total); failed=$(summary failed); passed=$(summary succeeded); skipped=$(summary skipped)
echo
echo "Tests: $passed passed, $failed failed, $skipped skipped"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$total" -eq 0 ]; then
  echo "Test run failed (exit $status); full log: $log" >&2
  exit 1
fi
rm -f "$log"
