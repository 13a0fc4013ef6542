#!/usr/bin/env bash
# Adds one EF Core migration per provider: scripts/add-migration.sh AddExecutions
set -euo pipefail
name=${1:?usage: scripts/add-migration.sh MigrationName}
cd "$(dirname "$0")/../src/Storage"
dotnet tool restore >/dev/null
for provider in Sqlite PostgreSql SqlServer; do
  dotnet tool run dotnet-ef migrations add "$name" \
    --context "${provider}WfaasDbContext" --output-dir "Providers/$provider/Migrations"
done
rm -f design-time.db
