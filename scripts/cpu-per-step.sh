#!/usr/bin/env bash
# Service CPU per linear10 execution and per callback on the embedded default (SQLite), issue 15 item 6.
#
#   scripts/cpu-per-step.sh [--no-build] [--bin DIR] [--n 3000] [--warmup 3000] [--c 8] [--port 5199] [--trace PREFIX]
#
# Starts the Release service (as scripts/idle-rss.sh does), warms it up with --warmup linear10 starts and
# a tenth as many callbacks, then reads utime+stime of the service from /proc/PID/stat around --n starts
# of ten noop tasks, and around --n callbacks (a `delegate` without url, then a noop: each POST of
# {"status":"success"} to waiting[0].callback_url finishes one execution), and callback50 the same after 48
# noops (the step reads and writes a state of 50 tasks). --bin measures another build,
# e.g. a worktree of an older commit. --trace PREFIX then repeats both loads under dotnet-trace
# (on-CPU samples) and prints the top frames with scripts/cpu.py; PREFIX-linear10.speedscope.json etc. stay.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build=1 n=3000 warmup=3000 c=8 port=5199 trace= bin=$root/src/Api/bin/Release/net10.0
while (($#)); do
  case $1 in
    --no-build) build=0 ;;
    --bin) bin=$(cd "$2" && pwd); shift ;;
    --n) n=$2; shift ;;
    --warmup) warmup=$2; shift ;;
    --c) c=$2; shift ;;
    --port) port=$2; shift ;;
    --trace) trace=$(realpath -m "$2"); shift ;;
    *) echo "usage: scripts/cpu-per-step.sh [--no-build] [--bin DIR] [--n N] [--warmup W] [--c C] [--port P] [--trace PREFIX]" >&2; exit 2 ;;
  esac
  shift
done

if ((build)); then
  dotnet build -c Release "$root/src/Api" -nologo -v:q -nodeReuse:false >/dev/null
fi

api=http://127.0.0.1:$port/api/v1
d=$(mktemp -d)
env ASPNETCORE_ENVIRONMENT=Production Storage__Provider=Sqlite "ConnectionStrings__Wfaas=Data Source=$d/w.db" Tokens__KeyFile=$d/key \
  dotnet "$bin/WfaaS.Api.dll" --urls "http://127.0.0.1:$port" --contentRoot "$bin" >"$d/out.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$d"' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.3; done

ticks() { awk '{ print $14 + $15 }' "/proc/$pid/stat"; }
hz=$(getconf CLK_TCK)

post() { curl -sf -o /dev/null -XPOST "$api/$1" -H 'content-type: application/json' -d "$2"; }
post workflows "{\"name\": \"cpu-linear10\", \"flow\": {\"type\": \"linear\", \"items\": [$(
  for i in $(seq 10); do printf '{"task": "t%d", "action": "noop"}' "$i"; ((i < 10)) && printf ', '; done)]}}"
post workflows '{"name": "cpu-callback", "flow": {"type": "linear", "items": [{"task": "job", "action": "delegate"}, {"task": "after", "action": "noop"}]}}'
post workflows "{\"name\": \"cpu-callback50\", \"flow\": {\"type\": \"linear\", \"items\": [$(
  for i in $(seq 48); do printf '{"task": "t%d", "action": "noop"}, ' "$i"; done)\
{\"task\": \"job\", \"action\": \"delegate\"}, {\"task\": \"after\", \"action\": \"noop\"}]}}"

# A curl config of COUNT posts of BODY to URL (one per line of URL when URL is a file), outputs to OUT.i or /dev/null.
config() { # file count url body [out]
  python3 - "$@" <<'PY'
import os, sys
path, count, url, body = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
out = sys.argv[5] if len(sys.argv) > 5 else None
urls = open(url).read().split() if os.path.isfile(url) else [url] * count
body = body.replace('\\', '\\\\').replace('"', '\\"')
with open(path, 'w') as f:
    f.write('\nnext\n'.join(
        f'url = "{u}"\nrequest = "POST"\nheader = "content-type: application/json"\n'
        f'data = "{body}"\noutput = "{out + "." + str(i) if out else "/dev/null"}"\nwrite-out = "%{{http_code}}\\n"'
        for i, u in enumerate(urls[:count])) + '\n')
PY
}
# Runs a config; prints the status codes that are not 2xx.
run() { curl -s --parallel --parallel-max "$c" -K "$1" 2>/dev/null | sort | uniq -c | awk '$2 !~ /^2/ { print "  HTTP", $2, "x" $1 }' || true; }

linear10() { # count
  config "$d/l.cfg" "$1" "$api/executions" '{"workflow": "cpu-linear10", "input": {}}'
  run "$d/l.cfg"
}
# Starts COUNT executions of WORKFLOW (cpu-callback) and writes the config that calls each one back to $d/cb.cfg.
callbacks_ready() { # count [workflow]
  rm -rf "$d/s" && mkdir "$d/s"
  config "$d/s.cfg" "$1" "$api/executions" "{\"workflow\": \"${2:-cpu-callback}\", \"input\": {}}" "$d/s/x"
  run "$d/s.cfg"
  python3 -c '
import glob, json, sys
for p in glob.glob(sys.argv[1] + "/x.*"):
    print(json.load(open(p))["waiting"][0]["callback_url"])' "$d/s" >"$d/urls"
  config "$d/cb.cfg" "$1" "$d/urls" '{"status": "success"}'
}

# Waits (up to 20 s) until the service is idle: the outbox jobs and commits a load leaves behind are not the next one's.
settle() {
  local a b
  for _ in $(seq 40); do
    a=$(ticks); sleep 0.5; b=$(ticks)
    ((b - a <= 1)) && return
  done
}

measure() { # label count command...
  local label=$1 count=$2 t0 t1 s0 s1; shift 2
  settle
  t0=$(ticks); s0=$(date +%s.%N)
  "$@"
  settle
  t1=$(ticks); s1=$(date +%s.%N)
  python3 -c "c=($t1-$t0)/$hz*1000; print(f'$label  {c/$count:6.3f} ms CPU each  ({c:.0f} ms for $count in {$s1-$s0:.1f} s)')"
}

traced() { # name command...
  local name=$1; shift
  "$@" &
  local load=$!
  sleep 0.5
  dotnet tool run dotnet-trace -- collect -p "$pid" --duration 00:00:00:05 --profile dotnet-sampled-thread-time \
    -o "$trace-$name.nettrace" >/dev/null 2>&1
  wait $load
  dotnet tool run dotnet-trace -- convert "$trace-$name.nettrace" --format speedscope -o "$trace-$name" >/dev/null 2>&1
  echo "--- $name"
  python3 "$root/scripts/cpu.py" "$trace-$name.speedscope.json" 40
}

linear10 "$warmup"
callbacks_ready $((warmup / 10)) && run "$d/cb.cfg"

measure linear10 "$n" linear10 "$n"
callbacks_ready "$n"
measure callback "$(wc -l <"$d/urls")" run "$d/cb.cfg"
callbacks_ready "$n" cpu-callback50
measure callback50 "$(wc -l <"$d/urls")" run "$d/cb.cfg"

if [[ -n $trace ]]; then
  traced linear10 linear10 "$n"
  callbacks_ready "$n"
  traced callback run "$d/cb.cfg"
fi
sqlite3 "$d/w.db" 'select state, count(*) from executions group by state' 2>/dev/null | tr '\n' ' ' && echo || true
