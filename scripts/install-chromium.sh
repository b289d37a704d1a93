#!/usr/bin/env bash
# Installs Debian's Chromium and a CJK font for the scoring board's browser test (playwright-core
# drives /usr/bin/chromium and never downloads a browser of its own). Without the font every
# Chinese glyph renders as an empty box, so both are installed together. Needs root and apt-get;
# does nothing when /usr/bin/chromium is already there.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  echo "install-chromium: /usr/bin/chromium is present"
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-chromium: apt-get not found; install chromium and a CJK font (fonts-wqy-microhei) by hand" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update && apt-get install -y chromium fonts-wqy-microhei
