#!/usr/bin/env bash
# Bytes per waiting execution, by table and index (docs/schema.md): parks K bench-waiting
# executions on a fresh database and prints each relation's size divided by K.
#   scripts/waiting-bytes.sh sqlite [K]
#   scripts/waiting-bytes.sh pg "Host=127.0.0.1;Username=postgres;Password=…;Database=postgres" [K]
# Runs src/Api/bin/Release/net10.0/WfaaS.Api.dll as built (dotnet build -c Release src/Api);
# needs python3, and sqlite3 or psql.
set -euo pipefail
kind=${1:?sqlite or pg}
if [ "$kind" = pg ]; then admin=${2:?connection string}; k=${3:-5000}; else k=${2:-5000}; fi
cd "$(dirname "$0")/.."
out=src/Api/bin/Release/net10.0
dir=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
export ASPNETCORE_ENVIRONMENT=Production Tokens__Secret=$(head -c32 /dev/urandom | base64)
# psql with an Npgsql connection string: pg "Host=…;Username=…" [psql arguments]
pg() {
  psql "$(python3 -c 'import sys; print(" ".join(k.strip().lower().replace("username", "user").replace("database", "dbname") + "=" + v for k, v in (p.split("=", 1) for p in sys.argv[1].split(";") if p)))' "$1")" "${@:2}"
}
if [ "$kind" = pg ]; then
  db=wfaas_bytes_$$
  pg "$admin" -qc "CREATE DATABASE $db"
  conn="${admin/Database=postgres/Database=$db}"
  export Storage__Provider=PostgreSql ConnectionStrings__Wfaas="$conn"
else
  export ConnectionStrings__Wfaas="Data Source=$dir/wfaas.db"
fi
(cd "$dir" && exec dotnet "$OLDPWD/$out/WfaaS.Api.dll" --urls "http://127.0.0.1:$port" --contentRoot "$OLDPWD/$out" >"$dir/log" 2>&1) &
pid=$!
cleanup() {
  kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true
  if [ "$kind" = pg ]; then pg "$admin" -qc "DROP DATABASE IF EXISTS $db" || true; fi
  rm -rf "$dir"
}
trap cleanup EXIT
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.5; done
curl -sf -o /dev/null -H 'content-type: application/json' "http://127.0.0.1:$port/api/v1/workflows" \
  -d '{"name": "bench-waiting", "flow": {"type": "linear", "items": [{"task": "job", "action": "delegate"}, {"task": "after", "action": "noop"}]}}'
python3 - "$port" "$k" <<'PY'
import sys, urllib.request, concurrent.futures
port, k = sys.argv[1], int(sys.argv[2])
def start(_):
    request = urllib.request.Request(f"http://127.0.0.1:{port}/api/v1/executions", data=b'{"workflow": "bench-waiting"}', headers={"content-type": "application/json"})
    with urllib.request.urlopen(request) as response:
        return response.status
codes = list(concurrent.futures.ThreadPoolExecutor(8).map(start, range(k)))
assert codes.count(201) == k, {c: codes.count(c) for c in set(codes)}
PY
if [ "$kind" = pg ]; then
  pg "$conn" -qc CHECKPOINT
  pg "$conn" -c "SELECT c.relname AS relation, round(pg_relation_size(c.oid) / $k.0, 1) AS bytes_per_execution FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind IN ('r', 'i') AND pg_relation_size(c.oid) > 8192 ORDER BY 2 DESC" \
    -c "SELECT round(sum(pg_relation_size(c.oid)) / $k.0, 1) AS all_relations FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'"
else
  kill "$pid"; wait "$pid" 2>/dev/null || true
  sqlite3 -header -column "$dir/wfaas.db" "PRAGMA wal_checkpoint(TRUNCATE);" \
    "SELECT name AS relation, round(sum(pgsize) / $k.0, 1) AS bytes_per_execution, sum(ncell) / count(*) AS cells_per_page FROM dbstat GROUP BY name HAVING sum(pgsize) > 4096 ORDER BY 2 DESC;" \
    "SELECT round(sum(pgsize) / $k.0, 1) AS all_relations FROM dbstat;"
fi
