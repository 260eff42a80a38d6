#!/usr/bin/env bash
# Install Casefile into ./.venv. With --test: also the test tools, Debian's Chromium, fonts,
# poppler-utils and LibreOffice (Writer) for the browser, PDF and DOCX tests, and a running
# PostgreSQL for the registry tests.
set -euo pipefail
cd "$(dirname "$0")/.."
want_test=0
[ "${1:-}" = "--test" ] && want_test=1

python=${PYTHON:-python3.11}
command -v "$python" >/dev/null || python=python3
if [ ! -x .venv/bin/python ]; then
  "$python" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip
if [ $want_test = 1 ]; then
  .venv/bin/python -m pip install -q -e '.[test]'
else
  .venv/bin/python -m pip install -q -e .
fi

apt_install() {
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "please install: ${missing[*]} (apt-get, as root)" >&2
  fi
}

# WeasyPrint (PDF lists) needs a font with every Kazakh letter.
apt_install fonts-dejavu-core
if [ $want_test = 1 ]; then
  apt_install chromium poppler-utils  # poppler: the PDF list is read back as text and images
  # LibreOffice opens the drafts' DOCX in tests/drafts (about 260 MB)
  apt_install libreoffice-writer-nogui
  bash scripts/postgres.sh || echo "PostgreSQL not available: its tests will be skipped" >&2
fi
