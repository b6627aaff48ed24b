#!/usr/bin/env bash
# Proves that nest-okta, as published, works in apps freshly made by the NestJS CLIs: packs
# nest-okta and okta-dev-idp, then for each template scaffolds an app outside the repository,
# installs the tarballs with the README's install lines, adds the README's adoption code
# (test/adoption-proof/app), builds and starts the app with its own scripts, drives it over HTTP
# against the packaged okta-dev-idp (test/adoption-proof/check-routes.mjs), and runs the app's
# own test runner on an e2e spec. Ends with "adoption proof: N passed, M failed".
#
#   bash scripts/test-on-node.sh 24 bash scripts/adoption-proof.sh
#
# Node >= 24.9: the Nest 12 CommonJS template's Jest loads ES modules through require(esm).
# The work folder is removed when everything passed, and kept (its path printed) otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."
proof=$PWD/test/adoption-proof

# The README's install lines, quoted from here; the packed tarballs stand in for the packages.
README_INSTALL='npm install nest-okta express-session @nestjs/throttler @nestjs/config'
# @nestjs/config 12 is ES modules only yet accepts Nest 11 as a peer, and the Nest 11 template's
# Jest (without VM modules) cannot load it: a Nest 11 app takes 4.x, the last CommonJS line.
README_INSTALL_NEST11='npm install nest-okta express-session @nestjs/throttler @nestjs/config@^4'
README_INSTALL_DEV='npm install --save-dev okta-dev-idp'

# Pinned, so that a new CLI or template release changes this proof only when bumped here.
NEST12=(@nestjs/cli@12.0.15 @nestjs/schematics@12.0.17)
NEST11=(@nestjs/cli@11.0.24 @nestjs/schematics@11.1.0)
# Leaves out what the proof has no use for (agent skills, telemetry), and never prompts.
NEST12_NO_EXTRAS=(--no-observe --skip-skills --no-interactive)

if ! node -e 'const [major, minor] = process.versions.node.split(".").map(Number);
  process.exit(major > 24 || (major === 24 && minor >= 9) ? 0 : 1);'; then
  echo "$0: needs Node >= 24.9, found $(node --version);" \
    "run it as: bash scripts/test-on-node.sh 24 bash $0" >&2
  exit 2
fi

# Quieter, faster installs without changing what gets installed.
export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false

work=$(mktemp -d "${TMPDIR:-/tmp}/adoption-proof.XXXXXX")
mkdir "$work/tarballs" "$work/logs"
passed=0
failed=0
pids=()

pass() {
  passed=$((passed + 1))
  printf '  ok    %s\n' "$1"
}

fail() {
  failed=$((failed + 1))
  printf '  FAIL  %s\n' "$1"
}

# Each started server leads its own process group, so npm and its children end with it.
stop_servers() {
  for pid in "${pids[@]}"; do
    kill -TERM -- "-$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  pids=()
}

finish() {
  stop_servers
  if [ "$failed" -eq 0 ]; then rm -rf "$work"; else echo "Logs and apps kept in $work"; fi
}
trap finish EXIT
trap 'exit 130' INT TERM

# step <label> <log> <command...>: runs the command with its output in the log, and records it
# with its time; a failure shows the log's last lines.
step() {
  local label=$1 log=$2 start=$SECONDS
  shift 2
  if "$@" >"$log" 2>&1; then
    pass "$label ($((SECONDS - start)) s)"
  else
    fail "$label ($((SECONDS - start)) s), from $log:"
    tail -n 25 "$log" | sed 's/^/          /'
    return 1
  fi
}

# in_folder <folder> <command...>
in_folder() (cd "$1" && "${@:2}")

free_port() {
  node -e 'const s = require("node:net").createServer().listen(0, "127.0.0.1", () => {
    console.log(s.address().port);
    s.close();
  });'
}

# until_ready <pid> <test command...>: true once the test passes, false if the process ends or
# 30 s pass first.
until_ready() {
  local pid=$1
  shift
  for _ in $(seq 150); do
    "$@" && return 0
    kill -0 "$pid" 2>/dev/null || return 1
    sleep 0.2
  done
  return 1
}

listens() { (: <"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# install_lines <app> <line...>: runs the README's lines with the tarballs in place of the
# packages' names.
install_lines() {
  local app=$1 line
  shift
  for line in "$@"; do
    line=${line/nest-okta/$nest_okta_tgz}
    # shellcheck disable=SC2086 # Unquoted on purpose: the line is split into npm's arguments.
    in_folder "$app" ${line/okta-dev-idp/$okta_dev_idp_tgz} || return 1
  done
}

# Replaces the template's controller, service and their tests (which expect "Hello World!")
# with the README's adoption code and an e2e spec for the app's own runner.
adopt() {
  local app=$1
  rm "$app"/src/app.{controller,service}.ts "$app"/src/app.controller.spec.ts &&
    cp "$proof"/app/src/*.ts "$app/src/" &&
    cp "$proof"/app/test/*.ts "$app/test/" || return 1
  # The spec imports '../src/app.module.js', which ESM builds need, and Jest's resolver does not
  # map to the .ts file by itself; this is the mapping ts-jest documents for it.
  # shellcheck disable=SC2016 # "$1" is the mapping's, not the shell's.
  [ ! -f "$app/test/jest-e2e.json" ] || node -e '
    const fs = require("node:fs");
    const config = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
    config.moduleNameMapper = { "^(\\.{1,2}/.*)\\.js$": "$1" };
    fs.writeFileSync(process.argv[1], JSON.stringify(config, null, 2));' "$app/test/jest-e2e.json"
}

# start_provider <app> <app origin> <log>: the packaged okta-dev-idp through npx, ready once it
# has printed its OKTA_* lines. "--no --": only the app's own copy, never one from the registry.
start_provider() {
  local app=$1 origin=$2 log=$3
  (cd "$app" && exec setsid npx --no -- okta-dev-idp --port 0 --host 127.0.0.1 \
    --client-id adoption-proof --client-secret "adoption-proof-$RANDOM$RANDOM" \
    --redirect-uri "$origin/authorization-code/callback" \
    --post-logout-redirect-uri "$origin") >"$log" 2>&1 &
  pids+=($!)
  until_ready $! grep -q '^OKTA_CLIENT_SECRET=' "$log"
}

# check_app <app> <port> <logs> <OKTA_* settings...>: starts the app with the template's
# start:prod and runs the HTTP checks against it.
check_app() {
  local app=$1 port=$2 logs=$3
  shift 3
  (cd "$app" && exec env "$@" PORT="$port" HOST=127.0.0.1 \
    SESSION_SECRET="adoption-proof-session-$RANDOM$RANDOM$RANDOM" \
    setsid npm run start:prod) >"$logs/app.log" 2>&1 &
  pids+=($!)
  if ! until_ready $! listens "$port"; then
    fail "start: npm run start:prod, from $logs/app.log:"
    tail -n 25 "$logs/app.log" | sed 's/^/          /'
    return
  fi
  pass "start: npm run start:prod on 127.0.0.1:$port"
  local issuer status=0 line
  issuer=$(sed -n 's/^OKTA_ISSUER=//p' "$logs/provider.log")
  node "$proof/check-routes.mjs" "http://127.0.0.1:$port" "$issuer" >"$logs/checks.log" 2>&1 ||
    status=$?
  while IFS= read -r line; do
    case $line in
      "ok "*) pass "${line#ok }" ;;
      "FAIL "*) fail "${line#FAIL }" ;;
      *) printf '          %s\n' "$line" ;;
    esac
  done <"$logs/checks.log"
  if [ "$status" -ne 0 ] && ! grep -q '^FAIL ' "$logs/checks.log"; then
    fail "check-routes.mjs ended with exit code $status"
  fi
}

# prove <name> <install line> <cli package> <schematics package> <nest new flags...>
prove() {
  local name=$1 install=$2 cli=$3 schematics=$4
  shift 4
  local app=$work/$name logs=$work/logs/$name started=$SECONDS
  mkdir "$logs"
  local new=(npx -y -p "$cli" -p "$schematics" nest new "$name" --skip-git --skip-install
    --package-manager npm "$@")
  echo "== $name: ${new[*]}"

  step "scaffold" "$logs/new.log" in_folder "$work" "${new[@]}" || return 0
  step "install: $install; $README_INSTALL_DEV" "$logs/install.log" \
    install_lines "$app" "$install" "$README_INSTALL_DEV" || return 0
  step "adopt: the README's code and an e2e spec in place of the template's" "$logs/adopt.log" \
    adopt "$app" || return 0
  local built=true
  step "build: npm run build" "$logs/build.log" in_folder "$app" npm run build || built=false
  # The build compiles src/ alone; an editor or a linter with types also sees the tests.
  step "type-check: tsc --noEmit -p tsconfig.json" "$logs/typecheck.log" \
    in_folder "$app" npx --no -- tsc --noEmit -p tsconfig.json || true

  local port origin
  port=$(free_port)
  origin=http://127.0.0.1:$port
  if ! start_provider "$app" "$origin" "$logs/provider.log"; then
    fail "okta-dev-idp did not start, from $logs/provider.log:"
    tail -n 25 "$logs/provider.log" | sed 's/^/          /'
    stop_servers
    return 0
  fi
  local okta_env=(
    "$(grep '^OKTA_ISSUER=' "$logs/provider.log")"
    "$(grep '^OKTA_CLIENT_ID=' "$logs/provider.log")"
    "$(grep '^OKTA_CLIENT_SECRET=' "$logs/provider.log")"
    "OKTA_REDIRECT_URI=$origin/authorization-code/callback"
    "OKTA_POST_LOGOUT_REDIRECT_URI=$origin"
  )
  if $built; then check_app "$app" "$port" "$logs" "${okta_env[@]}"; fi

  local runner=Jest
  if [ -f "$app/vitest.config.e2e.ts" ]; then runner=Vitest; fi
  step "test runner: npm run test:e2e ($runner)" "$logs/test-e2e.log" \
    in_folder "$app" env "${okta_env[@]}" npm run test:e2e || true
  stop_servers
  echo "   $name: $((SECONDS - started)) s"
}

echo "Adoption proof on Node $(node --version), npm $(npm --version), in $work"
for package in nest-okta okta-dev-idp; do
  step "npm pack packages/$package" "$work/logs/pack-$package.log" \
    in_folder "packages/$package" npm pack --pack-destination "$work/tarballs" || break
done
if [ "$failed" -eq 0 ]; then
  nest_okta_tgz=$(echo "$work"/tarballs/nest-okta-*.tgz)
  okta_dev_idp_tgz=$(echo "$work"/tarballs/okta-dev-idp-*.tgz)
  prove nest12-cjs "$README_INSTALL" "${NEST12[@]}" --type cjs "${NEST12_NO_EXTRAS[@]}"
  prove nest12-esm "$README_INSTALL" "${NEST12[@]}" --type esm "${NEST12_NO_EXTRAS[@]}"
  prove nest11-cjs "$README_INSTALL_NEST11" "${NEST11[@]}"
fi
echo "adoption proof: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
