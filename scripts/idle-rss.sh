#!/usr/bin/env bash
# Idle footprint of the embedded default (SQLite, Hangfire in memory), issue 15 item 7:
# VmRSS right after start, after a warm-up of N linear10 starts by C clients, and after S seconds idle.
#
#   scripts/idle-rss.sh [--no-build] [--n 2000] [--c 8] [--idle 10] [--runs 1]
#
# The service runs as the bench runs it (bench/WfaaS.Bench/ServiceProcess.cs): the Release dll, its
# build output as content root, a fresh SQLite file in a temporary directory, ASPNETCORE_ENVIRONMENT=Production.
# Extra runtime knobs pass through the environment, e.g. DOTNET_gcServer=1 scripts/idle-rss.sh --no-build.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build=1 n=2000 c=8 idle=10 runs=1
while (($#)); do
  case $1 in
    --no-build) build=0 ;;
    --n) n=$2; shift ;;
    --c) c=$2; shift ;;
    --idle) idle=$2; shift ;;
    --runs) runs=$2; shift ;;
    *) echo "usage: scripts/idle-rss.sh [--no-build] [--n N] [--c C] [--idle S] [--runs R]" >&2; exit 2 ;;
  esac
  shift
done

bin=$root/src/Api/bin/Release/net10.0
if ((build)); then
  dotnet build -c Release "$root/src/Api" -nologo -v:q -nodeReuse:false >/dev/null
fi

# One line of /proc/PID/status or smaps_rollup, in MiB.
mib() { awk -v k="$2:" '$1 == k { printf "%.0f", $2 / 1024 }' "$1"; }

# CPU time the process has used (user + system), in clock ticks.
ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

snapshot() { # label pid
  local p=/proc/$2
  printf '%-9s rss %4s MiB  (anon %4s, file %3s)  threads %3s\n' "$1" \
    "$(mib "$p/status" VmRSS)" "$(mib "$p/smaps_rollup" Anonymous)" \
    "$(( $(mib "$p/status" RssFile) + $(mib "$p/status" RssShmem) ))" "$(ls "$p/task" | wc -l)"
}

run_once() {
  local dir port url pid
  dir=$(mktemp -d /tmp/wfaas-idle-rss.XXXXXX)
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  url=http://127.0.0.1:$port
  (cd "$dir" && exec env -u ASPNETCORE_URLS -u DOTNET_URLS ASPNETCORE_ENVIRONMENT=Production \
    Storage__Provider=Sqlite ConnectionStrings__Wfaas="Data Source=$dir/wfaas.db" \
    dotnet "$bin/WfaaS.Api.dll" --urls "$url" --contentRoot "$bin" >"$dir/service.log" 2>&1) &
  pid=$!
  trap 'kill -TERM $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -rf "$dir"' RETURN

  for _ in $(seq 450); do
    [[ $(curl -s -o /dev/null -w '%{http_code}' "$url/readyz" || true) == 200 ]] && break
    kill -0 $pid 2>/dev/null || { cat "$dir/service.log" >&2; return 1; }
    sleep 0.2
  done
  sleep 1
  snapshot start $pid

  # bench-linear10 as bench/WfaaS.Bench/Workloads/Definitions.cs has it: ten sequential noop tasks.
  local tasks
  tasks=$(seq 10 | sed 's/.*/{"task": "t&", "action": "noop"}/' | paste -sd, -)
  curl -sf -o /dev/null -H 'Content-Type: application/json' "$url/api/v1/workflows" \
    --data-binary "{\"name\": \"bench-linear10\", \"flow\": {\"type\": \"linear\", \"items\": [$tasks]}}"
  # N starts as one curl with C connections in parallel (as the bench's C clients).
  for i in $(seq "$n"); do
    if ((i > 1)); then echo next; fi
    printf 'url = "%s/api/v1/executions"\nheader = "Content-Type: application/json"\ndata = "{\\"workflow\\": \\"bench-linear10\\", \\"input\\": {}}"\noutput = "/dev/null"\nwrite-out = "%%{http_code}\\n"\n' "$url"
  done >"$dir/starts.curl"
  local started cpu codes
  started=$(date +%s.%N) cpu=$(ticks $pid)
  codes=$(curl -s --no-progress-meter --parallel --parallel-max "$c" -K "$dir/starts.curl" | sort | uniq -c | tr -s ' \n' ' ')
  # CPU per start is the steadier throughput figure on a shared machine: wall time follows the disk.
  awk -v n="$n" -v c="$c" -v s="$started" -v e="$(date +%s.%N)" -v t="$(( $(ticks $pid) - cpu ))" -v hz="$(getconf CLK_TCK)" -v codes="$codes" \
    'BEGIN { printf "          %d starts by %d clients: %.1f s, %.0f starts/s, service CPU %.2f ms/start; status codes:%s\n", n, c, e - s, n / (e - s), t / hz * 1000 / n, codes }'
  snapshot warm-up $pid
  sleep "$idle"
  snapshot "idle ${idle}s" $pid
}

for r in $(seq "$runs"); do
  if ((runs > 1)); then echo "run $r"; fi
  run_once
done
