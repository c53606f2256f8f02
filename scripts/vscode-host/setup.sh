#!/usr/bin/env bash
# Installs a headless VS Code (code-server + Debian's Chromium) for the
# extension-host test suite: scripts/vscode-host/run-extension-tests.mjs.
#
#   bash scripts/vscode-host/setup.sh            # idempotent; second run is a no-op
#   CODE_SERVER_FORCE=1 bash scripts/vscode-host/setup.sh   # reinstall
#   CODE_SERVER_ROUTE=4.99.4 bash scripts/vscode-host/setup.sh  # skip the 4.100.3 route
#
# Route (see docs in shared notes "vscode-web-test-host"):
#   1. apt: libkrb5-dev ripgrep chromium
#   2. code-server@4.100.3 with its postinstall (ripgrep download replaced by a
#      cached tarball of Debian's rg); on failure fall back to
#   3. code-server@4.99.4 --ignore-scripts + native modules built by hand.
# Everything lands in <repo>/.vscode-host/code-server/ (gitignored).
set -euo pipefail

log() { printf '[vscode-host setup] %s\n' "$*"; }
die() { printf '[vscode-host setup] ERROR: %s\n' "$*" >&2; exit 1; }

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/../.." && pwd)"
HOST_DIR="${VSCODE_HOST_DIR:-$REPO_ROOT/.vscode-host}"  # override only to test the script elsewhere
CS_DIR="$HOST_DIR/code-server"
MARKER="$CS_DIR/.installed"

PRIMARY_VERSION="4.100.3"   # VS Code 1.100.3, accepts Node 20, postinstall works
FALLBACK_VERSION="4.99.4"   # VS Code 1.99.3, installed with --ignore-scripts
RG_CACHE_NAME="vscode-ripgrep-cache-1.15.11/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"

START=$(date +%s)

# ---------------------------------------------------------------- apt packages
need_apt=()
for pkg in libkrb5-dev ripgrep chromium; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
    need_apt+=("$pkg")
  fi
done
if ((${#need_apt[@]})); then
  [ "$(id -u)" = 0 ] || die "need root to apt-get install ${need_apt[*]}"
  log "apt-get update"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq || die "apt-get update failed"
  log "apt-get install ${need_apt[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null \
    || die "apt-get install ${need_apt[*]} failed"
else
  log "apt packages present: libkrb5-dev ripgrep chromium"
fi
[ -x /usr/bin/chromium ] || die "/usr/bin/chromium missing after install"
RG="$(command -v rg)" || die "rg (ripgrep) missing after install"

# ---------------------------------------------------------------- code-server
ENTRY="$CS_DIR/node_modules/code-server/out/node/entry.js"
# code-server writes a default config.yaml under $XDG_CONFIG_HOME: keep it out of $HOME.
CHECK_HOME="$(mktemp -d)"
trap 'rm -rf "$CHECK_HOME"' EXIT

check_code_server() {
  # Prints the version line (e.g. "4.100.3 <sha> with Code 1.100.3") if code-server starts.
  [ -f "$ENTRY" ] || return 1
  (cd "$CS_DIR" && XDG_CONFIG_HOME="$CHECK_HOME" XDG_DATA_HOME="$CHECK_HOME" \
     timeout 60 node "$ENTRY" --version 2>/dev/null | grep -E '^[0-9]+\.[0-9]+\.[0-9]+' | head -1)
}

serve_check() {
  # Starts code-server on a free loopback port and waits for /healthz (argon2, native modules load).
  local port pid ok=""
  port="$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
  local d; d="$(mktemp -d)"
  (cd "$CS_DIR" && exec setsid env XDG_CONFIG_HOME="$d" XDG_DATA_HOME="$d" node "$ENTRY" --auth none \
     --bind-addr "127.0.0.1:$port" --disable-telemetry --disable-update-check --disable-workspace-trust \
     --user-data-dir "$d/u" --extensions-dir "$d/e" "$d") >"$HOST_DIR/serve-check.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 120); do
    if node -e 'fetch(process.argv[1]).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))' \
         "http://127.0.0.1:$port/healthz" 2>/dev/null; then ok=1; break; fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  kill -TERM -- "-$pid" 2>/dev/null || true
  sleep 1
  kill -KILL -- "-$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  rm -rf "$d"
  if [ -n "$ok" ]; then log "serve check: /healthz answered on 127.0.0.1:$port"; return 0; fi
  log "serve check failed; tail of $HOST_DIR/serve-check.log:"; tail -20 "$HOST_DIR/serve-check.log" >&2
  return 1
}

if [ -f "$MARKER" ] && [ -z "${CODE_SERVER_FORCE:-}" ]; then
  if v="$(check_code_server)" && [ -n "$v" ]; then
    log "code-server already installed ($(cat "$MARKER")): $v — nothing to do"
    log "done in $(( $(date +%s) - START ))s"
    exit 0
  fi
  log "marker present but code-server does not start; reinstalling"
fi

rm -rf "$CS_DIR"
mkdir -p "$CS_DIR"

# npm 11 no longer passes the machine's `nodedir` user config on; node-gyp reads the env var.
if [ -d /usr/include/node ]; then export npm_config_nodedir=/usr; fi
NODE_GYP_DIR="$(dirname "$(dirname "$(readlink -f "$(command -v npm)")")")/node_modules/node-gyp"
NODE_GYP="$NODE_GYP_DIR/bin/node-gyp.js"

write_pkg() {
  cat >"$CS_DIR/package.json" <<EOF
{ "name": "vscode-host-code-server", "private": true, "version": "0.0.0" }
EOF
}

install_primary() {
  log "route A: code-server@$PRIMARY_VERSION with postinstall"
  write_pkg
  # @vscode/ripgrep's postinstall uses this cached tarball instead of downloading.
  local tmp; tmp="$(node -p 'require("os").tmpdir()')"
  local cache="$tmp/$RG_CACHE_NAME"
  mkdir -p "$(dirname "$cache")"
  local stage; stage="$(mktemp -d)"
  cp "$RG" "$stage/rg"
  tar -C "$stage" -czf "$cache" rg
  rm -rf "$stage"
  log "ripgrep cache tarball: $cache (from $RG)"
  (cd "$CS_DIR" && npm_config_unsafe_perm=true npm_config_yes=true \
     npm install --no-audit --no-fund --loglevel=error "code-server@$PRIMARY_VERSION") \
     >"$HOST_DIR/install-$PRIMARY_VERSION.log" 2>&1 || {
       log "npm install code-server@$PRIMARY_VERSION failed; tail of $HOST_DIR/install-$PRIMARY_VERSION.log:"
       tail -25 "$HOST_DIR/install-$PRIMARY_VERSION.log" >&2
       return 1; }
  echo "$PRIMARY_VERSION route-A" >"$MARKER.pending"
}

install_fallback() {
  log "route B: code-server@$FALLBACK_VERSION --ignore-scripts + manual native builds"
  local L="$HOST_DIR/install-$FALLBACK_VERSION.log"
  : >"$L"
  write_pkg
  [ -f "$NODE_GYP" ] || { log "npm's node-gyp not found at $NODE_GYP"; return 1; }
  (
    set -e
    cd "$CS_DIR"
    npm install --no-audit --no-fund --loglevel=error --ignore-scripts "code-server@$FALLBACK_VERSION"
    echo "== argon2"
    cd "$CS_DIR/node_modules/argon2"
    npx --yes node-pre-gyp install --fallback-to-build --build-from-source --nodedir=/usr
    V="$CS_DIR/node_modules/code-server/lib/vscode"
    cd "$V"
    echo "== lib/vscode npm install"
    npm install --no-audit --no-fund --loglevel=error --omit=dev --ignore-scripts
    for m in node-pty native-watchdog @parcel/watcher @vscode/spdlog kerberos; do
      echo "== node-gyp rebuild $m"
      (cd "node_modules/$m" && node "$NODE_GYP" rebuild --nodedir=/usr)
    done
    mkdir -p node_modules/@vscode/ripgrep/bin
    cp "$RG" node_modules/@vscode/ripgrep/bin/rg
    ln -sfn node_modules node_modules.asar
    ln -sfn code-linux.sh bin/remote-cli/code-server
    ln -sfn browser-linux.sh bin/helpers/browser.sh
    echo "== lib/vscode/extensions npm install"
    cd "$V/extensions"
    npm install --no-audit --no-fund --loglevel=error --omit=dev --ignore-scripts
  ) >>"$L" 2>&1 || {
    log "route B failed; tail of $L:"; tail -25 "$L" >&2; return 1; }
  echo "$FALLBACK_VERSION route-B" >"$MARKER.pending"
}

ok=""
if [ "${CODE_SERVER_ROUTE:-}" != "$FALLBACK_VERSION" ]; then
  if install_primary && v="$(check_code_server)" && [ -n "$v" ] && serve_check; then
    ok=1
  else
    log "route A did not produce a working code-server; falling back"
    rm -rf "$CS_DIR"; mkdir -p "$CS_DIR"
  fi
fi
if [ -z "$ok" ]; then
  if install_fallback && v="$(check_code_server)" && [ -n "$v" ] && serve_check; then
    ok=1
  fi
fi
[ -n "$ok" ] || die "could not install a working code-server (logs in $HOST_DIR/install-*.log)"

mv "$MARKER.pending" "$MARKER"
log "installed $(cat "$MARKER"): code-server $v"
log "entry: $CS_DIR/node_modules/code-server/out/node/entry.js"
log "done in $(( $(date +%s) - START ))s"
