#!/usr/bin/env bash
# Every bench in sequence on a running stack (./market up), then one summary table against issue #18's targets.
# Each bench prints its own table (kept in the output folder) and, for the summary, lines
#   TARGET|<what>|<measured>|<target>|<met: yes/no>
# A bench compares with a baseline measured in its own run; this script only runs them one after another on a
# quiet machine: it refuses to start while the 1-minute load average is above LOAD_MAX (default 1.0 on this
# 2-core machine; FORCE=1 runs anyway and says so in the summary), and waits (at most 2 min) for the load to
# settle between benches.
# usage: bench/all.sh [bench ...]   (default: start product chat notify push lighthouse; a bench whose script is
#        missing is reported as not run). OUT=<dir> keeps the outputs (default bench/out/<UTC time>).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
LOAD_MAX=${LOAD_MAX:-1.0}
BENCHES=("$@")
[ ${#BENCHES[@]} -gt 0 ] || BENCHES=(start product chat notify push lighthouse)
OUT=${OUT:-$ROOT/bench/out/$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$OUT"

load1() { cut -d' ' -f1 /proc/loadavg; }
busy() { awk -v l="$(load1)" -v m="$LOAD_MAX" 'BEGIN { exit !(l > m) }'; }
settle() { for _ in $(seq 24); do busy || return 0; sleep 5; done; return 1; }

forced=""
if busy; then
  if [ "${FORCE:-0}" = 1 ]; then
    forced="FORCED on a busy machine (load average $(cut -d' ' -f1-3 /proc/loadavg) > $LOAD_MAX): the numbers below are not comparable"
  else
    echo "the machine is busy (load average $(cut -d' ' -f1-3 /proc/loadavg) > $LOAD_MAX): stop other work, or FORCE=1"
    exit 1
  fi
fi
curl -fsS -o /dev/null "http://127.0.0.1:${PRODUCT_PORT:-8081}/q/health/ready" || { echo "the stack is not up: run ./market up"; exit 1; }

# the arguments each bench runs with here: the issue's targets (defaults otherwise)
declare -A ARGS=([chat]="1000 500 60 2000")
status=()
for b in "${BENCHES[@]}"; do
  script=$ROOT/bench/$b.sh
  if [ ! -x "$script" ]; then status+=("$b: not run (no bench/$b.sh)"); continue; fi
  settle || status+=("$b: started while the load average was $(cut -d' ' -f1-3 /proc/loadavg)")
  echo "== bench/$b.sh ($(date -u +%T) UTC, load $(cut -d' ' -f1-3 /proc/loadavg)) → $OUT/$b.txt"
  t0=$SECONDS
  read -r -a args <<< "${ARGS[$b]:-}"
  if "$script" "${args[@]}" > "$OUT/$b.txt" 2>&1; then
    status+=("$b: ok in $((SECONDS - t0)) s")
  else
    status+=("$b: FAILED (rc $?, see $OUT/$b.txt)")
  fi
done

{
  printf '\nbench/all.sh summary, %s, code %s\n' "$(date -u +%FT%TZ)" "$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')"
  [ -n "$forced" ] && echo "$forced"
  printf '%s\n' "${status[@]/#/  }"
  printf '\n| %-52s | %-22s | %-22s | %-4s |\n' target measured wanted met
  printf '|%s|%s|%s|%s|\n' "$(printf -- '-%.0s' {1..54})" ------------------------ ------------------------ ------
  for b in "${BENCHES[@]}"; do
    [ -f "$OUT/$b.txt" ] || continue
    grep '^TARGET|' "$OUT/$b.txt" | while IFS='|' read -r _ what measured wanted met; do
      printf '| %-52s | %-22s | %-22s | %-4s |\n' "$b: $what" "$measured" "$wanted" "$met"
    done
  done
  echo "outputs: $OUT"
} | tee "$OUT/summary.txt"
