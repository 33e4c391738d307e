#!/usr/bin/env bash
# Start a built bundle as CI does: offscreen, on a fresh temporary data folder; check that it
# opened the bundled pack and that the database it wrote is healthy; then check portable mode
# (a `portable` file beside the executable keeps the data in StudyApp-data beside it).
# Usage: packaging/check_bundle.sh dist/StudyApp/studyapp
set -euo pipefail
exe=${1:?usage: check_bundle.sh PATH/TO/studyapp}
bundle=$(cd "$(dirname "$exe")" && pwd)
home=$(mktemp -d)
trap 'rm -rf "$home" "$bundle/portable" "$bundle/StudyApp-data"' EXIT
export QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen}

STUDYAPP_HOME="$home" "$exe" --version
start=$(date +%s%N)
report=$(STUDYAPP_HOME="$home" "$exe" --startup-report)
echo "$report (wall $(( ($(date +%s%N) - start) / 1000000 )) ms, first start)"
case $report in first_paint_ms=*data_ready_ms=*) ;; *) echo "the bundle did not start" >&2; exit 1 ;; esac
STUDYAPP_HOME="$home" "$exe" check

[ ! -e "$bundle/StudyApp-data" ] || { echo "$bundle/StudyApp-data is in the way" >&2; exit 1; }
touch "$bundle/portable"
env -u STUDYAPP_HOME "$exe" --startup-report >/dev/null
[ -s "$bundle/StudyApp-data/studyapp.db" ] || { echo "portable mode wrote no StudyApp-data/studyapp.db" >&2; exit 1; }
echo "portable mode: data kept in $bundle/StudyApp-data"
