#!/usr/bin/env bash
# Migrations, one set per provider (design.md §4).
#   scripts/migrations.sh add <Name>     add a migration to both providers
#   scripts/migrations.sh check          fail when either provider has pending model changes (CI)
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
proj=src/KetamineClinic.Web
case "${1:-}" in
  add)
    name=${2:?name}
    dotnet ef migrations add "$name" --project $proj --context SqliteClinicDbContext --output-dir Data/Migrations/Sqlite
    dotnet ef migrations add "$name" --project $proj --context PostgresClinicDbContext --output-dir Data/Migrations/Postgres
    ;;
  check)
    dotnet ef migrations has-pending-model-changes --project $proj --context SqliteClinicDbContext --no-build
    dotnet ef migrations has-pending-model-changes --project $proj --context PostgresClinicDbContext --no-build
    ;;
  *) echo "usage: $0 add <Name> | check" >&2; exit 2 ;;
esac
