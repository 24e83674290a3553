#!/usr/bin/env bash
# Runs the end-to-end tests as if it were another moment: the test runner, each
# sync server it starts and Chromium all read their clock through libfaketime
# (Debian's `faketime`), moved by one offset from the real clock so that they
# all agree on the time and it runs on.
# The demo program and the tests pick sessions relative to now, so this finds
# what depends on the hour, the weekday, a week's or year's end, or a clock change.
#
#   tests/e2e/run-at.sh '2026-11-27 02:05:00' [playwright test arguments]
#
# The instant is read in TZ (UTC unless set); TZ is also the device's zone.
set -euo pipefail
cd "$(dirname "$0")/../.."

if [ $# -lt 1 ]; then
	echo "usage: $0 'YYYY-MM-DD hh:mm:ss' [playwright test arguments]" >&2
	exit 2
fi
command -v faketime > /dev/null || { echo "needs libfaketime: apt-get install faketime" >&2; exit 2; }

at="$1"
shift
export TZ="${TZ:-UTC}"
npx vite build > /dev/null
# an offset, not a start time: processes started later must not start over at $at
offset=$(( $(date -d "$at" +%s) - $(date +%s) ))
exec faketime -f "$(printf '%+d' "$offset")" npx playwright test "$@"
