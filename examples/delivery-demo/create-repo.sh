#!/usr/bin/env bash
# Creates the demo repository (a tiny Node.js shop with its own tests) at the given path, as one commit on main.
set -euo pipefail
target="${1:?usage: create-repo.sh <path>}"
if [ -e "$target" ]; then echo "create-repo.sh: $target already exists" >&2; exit 2; fi
here="$(cd "$(dirname "$0")" && pwd)"
mkdir -p "$target"
cp -R "$here/template/." "$target/"
cd "$target"
git init --quiet --initial-branch=main
git add -A
git -c user.name=WAVE -c user.email=wave@localhost -c commit.gpgsign=false commit --quiet -m "shop: initial version"
echo "created $target ($(git rev-parse --short HEAD))"
