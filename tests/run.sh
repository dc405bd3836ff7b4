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
exec python -m pytest "$@"
