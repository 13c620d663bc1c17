#!/usr/bin/env bash
# Regenerates the README screenshots with Playwright in Debian chromium (never a downloaded browser), against the
# synthetic demo-like clinic of tests/KetamineClinic.Testing/Seeding:
#   docs/images/today.png          the staff "Today" overview of a site (nurse working at two sites)
#   docs/images/patient-chart.png  a patient chart header (stale weight, allergies, flags)
# The same test runs in every E2E run, writing to a temp folder; KC_SCREENSHOT_DIR points it here instead.
set -euo pipefail
cd "$(dirname "$0")/.."
export KC_SCREENSHOT_DIR="$PWD/docs/images"
mkdir -p "$KC_SCREENSHOT_DIR"
dotnet test --project tests/KetamineClinic.EndToEnd --filter-class '*ReadmeScreenshotTests'
ls -l "$KC_SCREENSHOT_DIR"/today.png "$KC_SCREENSHOT_DIR"/patient-chart.png
