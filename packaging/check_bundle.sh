#!/usr/bin/env bash
# Start a built bundle once, as CI does: offscreen, on a fresh temporary data folder, and check
# that it opened the bundled pack and that the database it wrote is healthy.
# Usage: packaging/check_bundle.sh dist/StudyApp/studyapp
set -euo pipefail
exe=${1:?usage: check_bundle.sh PATH/TO/studyapp}
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
export STUDYAPP_HOME="$home" QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen}
"$exe" --version
start=$(date +%s%N)
report=$("$exe" --startup-report)
echo "$report (wall $(( ($(date +%s%N) - start) / 1000000 )) ms, first start)"
case $report in first_paint_ms=*data_ready_ms=*) ;; *) echo "bundle did not report a start" >&2; exit 1 ;; esac
"$exe" check
