#!/usr/bin/env bash
# Install what the tests need and run the whole suite. The README's test command; .ci/run runs it too.
set -euo pipefail
cd "$(dirname "$0")/.."
python -m pip install --quiet --disable-pip-version-check -r tests/requirements.txt
if [ ! -x /usr/bin/chromium ]; then
  # Browser tests drive Debian's Chromium (playwright cannot download browsers here).
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get install -y chromium >/dev/null 2>&1 || { $SUDO apt-get update >/dev/null && $SUDO apt-get install -y chromium >/dev/null; } \
    || echo "could not install chromium: browser tests will be skipped (or fail with CI=true)" >&2
fi
if [ ! -f tests/.axe/node_modules/axe-core/axe.min.js ]; then
  # The accessibility checks run axe-core (from the npm registry) inside Chromium.
  npm install --prefix tests/.axe --no-save --silent --no-audit --no-fund axe-core@4 >/dev/null 2>&1 \
    || echo "could not install axe-core: accessibility checks will be skipped (or fail with CI=true)" >&2
fi
exec python -m pytest "$@"
