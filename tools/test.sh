#!/usr/bin/env bash
# Every test of the project, as CI runs it: the library must be exactly what the notebooks export,
# notebooks must be clean, README.md generated from nbs/index.ipynb, then the notebooks' own tests
# (nbdev_test, default flags: cells marked `#| slow` or `#| cuda` are skipped) and pytest tests/.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$SECONDS
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

echo "== nbdev_export leaves motionstream/ unchanged"
cp -r motionstream "$tmp/lib"
nbdev_export
if ! diff -r -x __pycache__ "$tmp/lib" motionstream; then
  echo "FAIL: motionstream/ differs from what the notebooks export; edit the notebook and run nbdev_export"; exit 1
fi

echo "== notebooks are clean (nbdev_clean changes nothing)"
cp -r nbs "$tmp/nbs"
nbdev_clean
if ! diff -r -x .ipynb_checkpoints "$tmp/nbs" nbs >/dev/null; then
  diff -r -x .ipynb_checkpoints "$tmp/nbs" nbs | head -20
  echo "FAIL: notebooks carried outputs or metadata noise; run nbdev_clean and commit"; exit 1
fi

echo "== README.md is generated from nbs/index.ipynb"
python tools/readme.py --check

echo "== nbdev_test (notebooks)"
nbdev_test --n_workers 2

echo "== pytest tests/"
python -m pytest tests/ -q
echo "== all tests passed in $((SECONDS - start)) s"
