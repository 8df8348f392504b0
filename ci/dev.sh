#!/bin/sh
# dev.sh: the README's two commands: installs missing Debian packages, builds, then runs the demo or every test (make check, the LibreOffice, pipeline and browser checks, valgrind over the BBC corpus, then a 60-second run of every fuzz harness).
# Usage: ci/dev.sh demo | ci/dev.sh check
set -eu
cd "$(dirname "$0")/.."
want=$(grep -v '^#' ci/debian-packages.txt | tr '\n' ' ')
missing=""
for p in $want; do
    dpkg-query -W -f '${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing="$missing $p"
done
if [ -n "$missing" ]; then
    if [ "$(id -u)" = 0 ]; then
        echo "dev.sh: installing Debian packages:$missing" >&2
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
    else
        echo "dev.sh: missing Debian packages. Install them with:" >&2
        echo "  sudo apt-get install -y$missing" >&2
        exit 1
    fi
fi
case "${1:-check}" in
    demo) make -s demo ;;
    check) make -s check && make -s interop && make -s pipelines && make -s html-view && make -s memcheck && make -s fuzz-smoke ;;
    *) echo "usage: ci/dev.sh demo|check" >&2; exit 2 ;;
esac
