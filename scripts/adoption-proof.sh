#!/usr/bin/env bash
# Proves that nest-okta, as published, works in apps freshly made by the NestJS CLIs: packs
# nest-okta and okta-dev-idp, then for each template scaffolds an app outside the repository,
# installs the tarballs with the README's install lines, adds the README's adoption code
# (test/adoption-proof/app), builds and starts the app with its own scripts, drives it over HTTP
# against the packaged okta-dev-idp (test/adoption-proof/check-routes.mjs), and runs the app's
# own test runner on an e2e spec. The NestJS 12 CommonJS app is then rebuilt and driven again
# under app.setGlobalPrefix('app'), and with path tenants under it (test/adoption-proof/tenants).
# First, it checks that nest-okta's README still shows that code and those install lines
# (test/adoption-proof/check-readme.mjs). Ends with "adoption proof: N passed, M failed".
#
#   bash scripts/test-on-node.sh 24 bash scripts/adoption-proof.sh [--no-variants] [app...]
#
# Apps: nest12-cjs, nest12-esm and nest11-cjs (default: all three, then nest12-cjs's variants
# under a global prefix and path tenants; --no-variants leaves those out). nest12-cjs needs
# Node >= 24.9: the Nest 12 CommonJS template's Jest loads ES modules through require(esm).
# The work folder is removed when everything passed, and kept (its path printed) otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."
proof=$PWD/test/adoption-proof

README=packages/nest-okta/README.md
# The README's install lines, exactly (check_readme checks they are there); the packed tarballs
# stand in for the versions of nest-okta and okta-dev-idp they name.
README_INSTALL='npm install nest-okta@^0.1.0 express-session@^1.18 @nestjs/throttler@^6.4'
# For the adoption code. @nestjs/config 12 is ES modules only yet accepts Nest 11 as a peer, and
# the Nest 11 template's Jest (without VM modules) cannot load it: a Nest 11 app takes 4.x.
README_INSTALL_CONFIG='npm install @nestjs/config@^12'
README_INSTALL_CONFIG_NEST11='npm install @nestjs/config@^4'
README_INSTALL_DEV='npm install --save-dev okta-dev-idp@^0.1.0'

# Pinned, so that a new CLI or template release changes this proof only when bumped here.
NEST12=(@nestjs/cli@12.0.15 @nestjs/schematics@12.0.17)
NEST11=(@nestjs/cli@11.0.24 @nestjs/schematics@11.1.0)
# Leaves out what the proof has no use for (agent skills, telemetry), and never prompts.
NEST12_NO_EXTRAS=(--no-observe --skip-skills --no-interactive)

with_variants=true
if [ "${1:-}" = --no-variants ]; then
  with_variants=false
  shift
fi
apps=("$@")
if [ ${#apps[@]} -eq 0 ]; then apps=(nest12-cjs nest12-esm nest11-cjs); fi
for app in "${apps[@]}"; do
  case $app in
    nest12-cjs)
      if ! node -e 'const [major, minor] = process.versions.node.split(".").map(Number);
        process.exit(major > 24 || (major === 24 && minor >= 9) ? 0 : 1);'; then
        echo "$0: nest12-cjs needs Node >= 24.9, found $(node --version);" \
          "run it as: bash scripts/test-on-node.sh 24 bash $0" >&2
        exit 2
      fi
      ;;
    nest12-esm | nest11-cjs) ;;
    *)
      echo "usage: $0 [--no-variants] [nest12-cjs|nest12-esm|nest11-cjs...]" >&2
      exit 2
      ;;
  esac
done

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

# tally <log> <exit code> <checker>: counts a checker's "ok …" and "FAIL …" lines as passed and
# failed, shows its other lines, and fails the checker itself if it ended badly without a FAIL.
tally() {
  local log=$1 status=$2 checker=$3 line
  while IFS= read -r line; do
    case $line in
      "ok "*) pass "${line#ok }" ;;
      "FAIL "*) fail "${line#FAIL }" ;;
      *) printf '          %s\n' "$line" ;;
    esac
  done <"$log"
  if [ "$status" -ne 0 ] && ! grep -q '^FAIL ' "$log"; then
    fail "$checker ended with exit code $status"
  fi
}

# check_readme: the README shows the adoption code verbatim and has the install lines this proof
# runs, naming versions the packed packages satisfy.
check_readme() {
  local args=() file line status=0
  for file in "$proof"/app/src/*.ts; do args+=(--code "$file"); done
  for line in "$README_INSTALL" "$README_INSTALL_CONFIG" "$README_INSTALL_CONFIG_NEST11" \
    "$README_INSTALL_DEV"; do
    args+=(--install "$line")
  done
  node "$proof/check-readme.mjs" "$README" "${args[@]}" \
    --package packages/nest-okta --package packages/okta-dev-idp >"$work/logs/readme.log" 2>&1 ||
    status=$?
  tally "$work/logs/readme.log" "$status" check-readme.mjs
}

# install_lines <app> <line...>: runs the README's lines in the app, with the tarballs in place of
# nest-okta@<range> and okta-dev-idp@<range>.
install_lines() {
  local app=$1 line word words args
  shift
  for line in "$@"; do
    read -ra words <<<"$line"
    args=()
    for word in "${words[@]}"; do
      case $word in
        nest-okta | nest-okta@*) word=$nest_okta_tgz ;;
        okta-dev-idp | okta-dev-idp@*) word=$okta_dev_idp_tgz ;;
      esac
      args+=("$word")
    done
    echo "\$ ${args[*]}"
    in_folder "$app" "${args[@]}" || return 1
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

# provide <app> <logs> <global prefix> [tenant...]: picks the app's port and starts the packaged
# okta-dev-idp (through npx) for it, with one client whose redirect URIs are the app's callback
# under the prefix, or under each tenant's prefix below it; ready once it has printed its OKTA_*
# lines. Sets the caller's port, bases (where the app's pages are: the prefix, or each tenant's)
# and okta_env (what the app reads). "--no --": only the app's own copy, never the registry's.
provide() {
  local app=$1 logs=$2 prefix=$3 tenant base uris=()
  shift 3
  port=$(free_port)
  local origin=http://127.0.0.1:$port
  bases=()
  if [ $# -eq 0 ]; then bases=("$prefix"); fi
  for tenant; do bases+=("$prefix/t/$tenant"); done
  for base in "${bases[@]}"; do
    uris+=(--redirect-uri "$origin$base/authorization-code/callback"
      --post-logout-redirect-uri "$origin$base")
  done
  (cd "$app" && exec setsid npx --no -- okta-dev-idp --port 0 --host 127.0.0.1 \
    --client-id adoption-proof --client-secret "adoption-proof-$RANDOM$RANDOM" \
    "${uris[@]}") >"$logs/provider.log" 2>&1 &
  pids+=($!)
  if ! until_ready $! grep -q '^OKTA_CLIENT_SECRET=' "$logs/provider.log"; then
    fail "okta-dev-idp did not start, from $logs/provider.log:"
    tail -n 25 "$logs/provider.log" | sed 's/^/          /'
    return 1
  fi
  mapfile -t okta_env < <(grep -E '^OKTA_(ISSUER|CLIENT_ID|CLIENT_SECRET)=' "$logs/provider.log")
  if [ $# -eq 0 ]; then
    okta_env+=("OKTA_REDIRECT_URI=$origin$prefix/authorization-code/callback"
      "OKTA_POST_LOGOUT_REDIRECT_URI=$origin$prefix")
  else
    okta_env+=("APP_URL=$origin$prefix")
  fi
}

# check_app <app> <logs>: starts the app with the template's start:prod on the caller's port
# and okta_env, and runs the HTTP checks under the caller's bases (the first, then the others as
# the other tenants).
check_app() {
  local app=$1 logs=$2
  (cd "$app" && exec env "${okta_env[@]}" PORT="$port" HOST=127.0.0.1 \
    SESSION_SECRET="adoption-proof-session-$RANDOM$RANDOM$RANDOM" \
    setsid npm run start:prod) >"$logs/app.log" 2>&1 &
  pids+=($!)
  if ! until_ready $! listens "$port"; then
    fail "start: npm run start:prod, from $logs/app.log:"
    tail -n 25 "$logs/app.log" | sed 's/^/          /'
    return
  fi
  pass "start: npm run start:prod on 127.0.0.1:$port"
  local issuer status=0
  issuer=$(sed -n 's/^OKTA_ISSUER=//p' "$logs/provider.log")
  node "$proof/check-routes.mjs" "http://127.0.0.1:$port" "$issuer" "${bases[@]}" \
    >"$logs/checks.log" 2>&1 || status=$?
  tally "$logs/checks.log" "$status" check-routes.mjs
}

# prove <name> <@nestjs/config install line> <cli package> <schematics package> <nest new flags...>
prove() {
  local name=$1 config=$2 cli=$3 schematics=$4
  shift 4
  local app=$work/$name logs=$work/logs/$name started=$SECONDS
  mkdir "$logs"
  local new=(npx -y -p "$cli" -p "$schematics" nest new "$name" --skip-git --skip-install
    --package-manager npm "$@")
  echo "== $name: ${new[*]}"

  step "scaffold" "$logs/new.log" in_folder "$work" "${new[@]}" || return 0
  step "install: $README_INSTALL; $config; $README_INSTALL_DEV" "$logs/install.log" \
    install_lines "$app" "$README_INSTALL" "$config" "$README_INSTALL_DEV" || return 0
  step "adopt: the README's code and an e2e spec in place of the template's" "$logs/adopt.log" \
    adopt "$app" || return 0
  local built=true
  step "build: npm run build" "$logs/build.log" in_folder "$app" npm run build || built=false
  # The build compiles src/ alone; an editor or a linter with types also sees the tests.
  step "type-check: tsc --noEmit -p tsconfig.json" "$logs/typecheck.log" \
    in_folder "$app" npx --no -- tsc --noEmit -p tsconfig.json || true

  local port bases okta_env
  provide "$app" "$logs" "" || { stop_servers; return 0; }
  if $built; then check_app "$app" "$logs"; fi

  local runner=Jest
  if [ -f "$app/vitest.config.e2e.ts" ]; then runner=Vitest; fi
  step "test runner: npm run test:e2e ($runner)" "$logs/test-e2e.log" \
    in_folder "$app" env "${okta_env[@]}" npm run test:e2e || true
  stop_servers
  echo "   $name: $((SECONDS - started)) s"
}

# with_global_prefix <app>: adds app.setGlobalPrefix('app') to src/main.ts right after the line
# that creates the app, as the README's section on the global prefix says; fails unless there is
# exactly one such line.
with_global_prefix() {
  local main=$1/src/main.ts
  awk '{ print }
    /= await NestFactory\.create/ {
      match($0, /^ */)
      print substr($0, 1, RLENGTH) "app.setGlobalPrefix(\047app\047);"
      n++
    }
    END {
      if (n == 1) exit 0
      print "expected one NestFactory.create line, found " n + 0 >"/dev/stderr"
      exit 1
    }' \
    "$main" >"$main.prefixed" || { rm -f "$main.prefixed"; return 1; }
  diff "$main" "$main.prefixed" || true
  mv "$main.prefixed" "$main"
}

# with_path_tenants <app>: test/adoption-proof/tenants/app.module.ts in place of the README's
# app.module.ts, which stays as readme-app.module.ts for its controller.
with_path_tenants() {
  mv "$1/src/app.module.ts" "$1/src/readme-app.module.ts" &&
    cp "$proof/tenants/app.module.ts" "$1/src/app.module.ts"
}

# rebuild_and_check <app> <logs> <label> <change> <global prefix> [tenant...]: changes the app's
# source (the change function, given the app), rebuilds it with its own npm run build, and
# starts and drives it again with a provider for its new URLs.
rebuild_and_check() {
  local app=$1 logs=$2 label=$3 change=$4 port bases okta_env
  shift 4
  mkdir "$logs"
  step "change: $label" "$logs/change.log" "$change" "$app" || return 1
  step "build: npm run build" "$logs/build.log" in_folder "$app" npm run build || return 1
  if provide "$app" "$logs" "$@"; then check_app "$app" "$logs"; fi
  stop_servers
}

# variants <name>: the app prove made and installed, again under app.setGlobalPrefix('app'),
# then with path tenants acme and globex under it.
variants() {
  local name=$1 app=$work/$1 started=$SECONDS
  if [ ! -f "$app/dist/main.js" ]; then
    echo "   $name variants: skipped, the app did not build"
    return 0
  fi
  echo "== $name under app.setGlobalPrefix('app')"
  rebuild_and_check "$app" "$work/logs/$name-prefixed" \
    "app.setGlobalPrefix('app') after NestFactory.create in src/main.ts" with_global_prefix \
    /app || return 0
  echo "== $name with path tenants acme and globex under app.setGlobalPrefix('app')"
  rebuild_and_check "$app" "$work/logs/$name-tenants" \
    "test/adoption-proof/tenants/app.module.ts as src/app.module.ts" with_path_tenants \
    /app acme globex || true
  echo "   $name variants: $((SECONDS - started)) s"
}

echo "Adoption proof on Node $(node --version), npm $(npm --version), in $work"
echo "== $README"
check_readme
packed=true
for package in nest-okta okta-dev-idp; do
  step "npm pack packages/$package" "$work/logs/pack-$package.log" \
    in_folder "packages/$package" npm pack --pack-destination "$work/tarballs" || packed=false
done
if $packed; then
  nest_okta_tgz=$(echo "$work"/tarballs/nest-okta-*.tgz)
  okta_dev_idp_tgz=$(echo "$work"/tarballs/okta-dev-idp-*.tgz)
  for app in "${apps[@]}"; do
    case $app in
      nest12-cjs)
        prove nest12-cjs "$README_INSTALL_CONFIG" "${NEST12[@]}" --type cjs "${NEST12_NO_EXTRAS[@]}"
        if $with_variants; then variants nest12-cjs; fi
        ;;
      nest12-esm)
        prove nest12-esm "$README_INSTALL_CONFIG" "${NEST12[@]}" --type esm "${NEST12_NO_EXTRAS[@]}"
        ;;
      nest11-cjs) prove nest11-cjs "$README_INSTALL_CONFIG_NEST11" "${NEST11[@]}" ;;
    esac
  done
fi
echo "adoption proof: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
