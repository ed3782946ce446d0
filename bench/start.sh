#!/usr/bin/env bash
# Start-up and memory of each service: time from `java` to ready (/q/health/ready), Quarkus' own "started in",
# CPU spent by then and RSS 2 s after ready, for the JVMs this machine has:
#   - "JDK <n> plain": the default java (the one Maven builds with), no cache;
#   - "JDK <m> plain": the JDK >= 24 ./market picks (MARKET_JAVA chooses), no cache;
#   - "JDK <m> + AOT": the same with an AOT cache trained by ./market's training run (aot_train) in this run.
# Baseline in the same run: `java -version` of each JDK (the JVM's own start on this machine right now).
# Needs the local stack (./market up: PostgreSQL, Redis, S3, Keycloak, and product/notify for chat's clients)
# and built services. Runs a private copy of each service's build on port 18281, one process at a time, and
# stops each by pid. With no JDK >= 24 only the first row is measured.
# STEPS=1: one more start of each service's last variant with a flight recording, and where its main thread's
# samples fall: Quarkus' start-up steps (the recorded deploy methods), SmallRye Config outside them, the rest.
# usage: bench/start.sh [runs per variant, default 3] [services, default "product chat notify"]
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RUNS=${1:-3}
read -r -a MODULES <<< "${2:-product chat notify}"
PORT=18281
# shellcheck source=market
. "$ROOT/market"
pick_java
DEFAULT_JAVA=$(command -v java)
DEFAULT_VERSION=$(java_feature "$DEFAULT_JAVA")
service_ready "$PRODUCT_PORT" || { echo "the stack is not up: run ./market up"; exit 1; }

if curl -s -o /dev/null "http://127.0.0.1:$PORT/"; then echo "port $PORT is in use: another bench still running?"; exit 1; fi
tmp=$(mktemp -d)
pid=""
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT
export LOGS=$tmp   # aot_train writes its log here

median() { sort -n | awk '{ a[NR] = $1 } END { if (NR == 0) print "-"; else if (NR % 2) print a[(NR + 1) / 2]; else printf "%.0f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# one_start <module> <app dir> <java> [jvm options...] -> "ready_ms started_ms cpu_ms rss_mb jit_ms main_ms", with
# ./market's options for that JVM (JVM_OPTS: jvm_opts_for <java> first)
one_start() {
  local m=$1 app=$2 java=$3 t0 t1 started cpu rss jit main_cpu; shift 3
  t0=$(now_ms)
  service_env "$m" "$PORT"
  env "${SERVICE_ENV[@]}" "$java" "${JVM_OPTS[@]}" "$@" -jar "$app/quarkus-run.jar" > "$tmp/run.log" 2>&1 &
  pid=$!
  await_jvm "$pid" "$PORT" 60 0.025 || { echo "$m exited or was not ready in 60 s:" >&2; tail -20 "$tmp/run.log" >&2; exit 1; }
  t1=$(now_ms)
  sleep 2
  cpu=$(awk '{ print ($14 + $15) * 10 }' "/proc/$pid/stat")   # clock ticks of 10 ms
  # where it went, by live thread: the JIT's compiler threads, the main thread (Quarkus' start runs on it)
  read -r jit main_cpu < <(for t in /proc/"$pid"/task/*; do printf '%s %s\n' "$(awk '{ print $14 + $15 }' "$t/stat")" "$(cat "$t/comm")"; done \
    | awk '/CompilerThre/ { j += $1 } $2 == "java" || $2 == "main" { m += $1 } END { print j * 10, m * 10 }')
  rss=$(awk '/^VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$pid/status")
  started=$(grep -o 'started in [0-9.]*s' "$tmp/run.log" | grep -o '[0-9.]*' | awk '{ printf "%.0f", $1 * 1000 }' || true)
  kill -TERM "$pid"; wait "$pid" 2>/dev/null || true; pid=""
  echo "$((t1 - t0)) ${started:-0} $cpu $rss $jit $main_cpu"
}

# variant <label> <module> <app dir> <java> [jvm options...]: RUNS starts, medians
rows=() targets=()
variant() {
  local label=$1 m=$2 app=$3 java=$4; shift 4
  : > "$tmp/samples"
  jvm_opts_for "$java"
  for _ in $(seq "$RUNS"); do one_start "$m" "$app" "$java" "$@" >> "$tmp/samples"; done
  local ready rss
  ready=$(cut -d' ' -f1 "$tmp/samples" | median); rss=$(cut -d' ' -f4 "$tmp/samples" | median)
  targets+=("TARGET|$m $label ready|$ready ms|< 1000 ms|$([ "$ready" -lt 1000 ] && echo yes || echo no)")
  targets+=("TARGET|$m $label RSS|$rss MB|< 200 MB|$([ "$rss" -lt 200 ] && echo yes || echo no)")
  rows+=("$(printf '| %-8s | %-22s | %9s | %11s | %9s | %10s | %11s | %7s |' "$m" "$label" \
    "$(cut -d' ' -f1 "$tmp/samples" | median)" "$(cut -d' ' -f2 "$tmp/samples" | median)" \
    "$(cut -d' ' -f3 "$tmp/samples" | median)" "$(cut -d' ' -f5 "$tmp/samples" | median)" \
    "$(cut -d' ' -f6 "$tmp/samples" | median)" "$(cut -d' ' -f4 "$tmp/samples" | median)")")
}

jvm_version_ms() { # java: median wall ms of `java -version` over 5 runs
  local t0; for _ in 1 2 3 4 5; do t0=$(now_ms); "$1" -version > /dev/null 2>&1; echo $(( $(now_ms) - t0 )); done | median
}

# steps <module> <app dir> <java> [jvm options...]: the main thread's samples of one start, by start-up step
steps=()
profile_steps() {
  local m=$1 app=$2 java=$3 jfr; shift 3
  jfr="$tmp/$m-start.jfr"
  jvm_opts_for "$java"
  one_start "$m" "$app" "$java" "$@" -XX:FlightRecorderOptions=stackdepth=512 \
    -XX:StartFlightRecording=settings=profile,filename="$jfr",dumponexit=true > /dev/null
  steps+=("$m: $("$(dirname "$(readlink -f "$java")")/jfr" print --events jdk.ExecutionSample --stack-depth 512 "$jfr" | awk '
    function flush() { if (main) { n++; k = step != "" ? step : (cfg ? "SmallRye Config (outside the steps)" : "other (class loading, logging, bootstrap)"); c[k]++ }
                       main = 0; step = ""; cfg = 0 }
    /jdk.ExecutionSample/ { flush() }
    /sampledThread = "main"/ { main = 1 }
    /runner\.recorded\./ { x = $1; sub(/^.*runner\.recorded\./, "", x); sub(/\$/, ".", x); sub(/\..*$/, "", x); y = $1; sub(/^[^$]*\$/, "", y); sub(/[0-9]+\..*$/, "", y); step = x "." y }
    /smallrye\.config|ConfigMapping/ { cfg = 1 }
    END { flush(); for (k in c) printf "%d %s\n", c[k], k }' | sort -rn | awk '{ c = $1; $1 = ""; t[NR] = c; l[NR] = substr($0, 2); s += c }
      END { for (i = 1; i <= NR && i <= 8; i++) printf "%s%s %.0f%%", (i > 1 ? "; " : ""), l[i], 100 * t[i] / s; printf " (%d samples)", s }')")
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for m in "${MODULES[@]}"; do
  cp -r "$ROOT/$m/target/quarkus-app" "$tmp/$m"
  variant "JDK $DEFAULT_VERSION plain" "$m" "$tmp/$m" "$DEFAULT_JAVA"
  if [ "$SERVICE_JAVA_VERSION" != "$DEFAULT_VERSION" ] || [ "$SERVICE_JAVA" != "$DEFAULT_JAVA" ]; then
    variant "JDK $SERVICE_JAVA_VERSION plain" "$m" "$tmp/$m" "$SERVICE_JAVA"
  fi
  if [ "$AOT" = 1 ]; then
    aot_train "$m" "$PORT" "$tmp/$m" "$tmp/$m.aot" > /dev/null
    if [ -f "$tmp/$m.aot" ]; then
      variant "JDK $SERVICE_JAVA_VERSION + AOT cache" "$m" "$tmp/$m" "$SERVICE_JAVA" -XX:AOTCache="$tmp/$m.aot"
      [ "${STEPS:-0}" = 1 ] && profile_steps "$m" "$tmp/$m" "$SERVICE_JAVA" -XX:AOTCache="$tmp/$m.aot"
    else
      echo "no AOT cache for $m (training log follows)"; tail -20 "$tmp/$m-aot-training.log"
    fi
  fi
done

printf '\nstart-up bench: %s run(s) per variant (medians), %s, load average before: %s\n' "$RUNS" "$(date -u +%FT%TZ)" "$load_before"
printf 'jar packaging: %s; JVM options: %s\n\n' \
  "$(unzip -p "$ROOT/${MODULES[0]}/target/quarkus-app/quarkus-run.jar" META-INF/MANIFEST.MF | tr -d '\r\n ' | grep -q 'Class-Path:.*lib/main' && echo aot-jar || echo fast-jar)" \
  "${SERVICE_JVM_OPTS[*]}"
printf '| %-8s | %-22s | %9s | %11s | %9s | %10s | %11s | %7s |\n' service variant "ready ms" "started ms" "CPU ms" "of it: JIT" "main thread" "RSS MB"
printf '|%s|%s|%s|%s|%s|%s|%s|%s|\n' ---------- ------------------------ ----------- ------------- ----------- ------------ ------------- ---------
printf '%s\n' "${rows[@]}"
printf '\nbaseline, same run: "java -version" median wall ms: JDK %s %s' "$DEFAULT_VERSION" "$(jvm_version_ms "$DEFAULT_JAVA")"
[ "$SERVICE_JAVA" != "$DEFAULT_JAVA" ] && printf ', JDK %s %s' "$SERVICE_JAVA_VERSION" "$(jvm_version_ms "$SERVICE_JAVA")"
printf '\n(CPU: the process until 2 s after ready; "of it: JIT" the compiler threads, "main thread" the thread Quarkus starts on)'
printf '\nload average after: %s\ntargets: ready < 1 s and RSS < 200 MB after start\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
printf '%s\n' "${targets[@]}"
if [ ${#steps[@]} -gt 0 ]; then
  printf '\nmain thread during one start with a flight recording (JDK %s + AOT cache; the recording slows the start itself):\n' "$SERVICE_JAVA_VERSION"
  printf '  %s\n' "${steps[@]}"
fi
