#!/usr/bin/env bash
# Installs the Debian packages that some tests drive for real (headless Chromium, poppler's pdftoppm /
# pdftotext, a CJK font for PDFs and charts) when they are missing and this user may install them.
# Where they cannot be installed the tests that need them skip with a message saying which is missing.
set -u
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
[ -e /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] || need+=(fonts-wqy-microhei)
if [ ${#need[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing system packages for the tests: ${need[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null 2>&1 || true
    apt-get install -y -qq "${need[@]}" >/dev/null 2>&1 \
        || echo "could not install ${need[*]}; the tests that need them will be skipped"
else
    echo "missing ${need[*]} (not root or no apt-get); the tests that need them will be skipped"
fi
exit 0
