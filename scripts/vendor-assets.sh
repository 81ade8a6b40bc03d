#!/usr/bin/env bash
# Copy the web app's third-party assets from npm packages into the Python package, so the app
# never loads anything from a CDN. Run it to upgrade an asset; the result is committed.
set -euo pipefail
HTMX_VERSION=2.0.11
KATEX_VERSION=0.16.47
# The editor: CodeMirror 6 with Python, bundled with esbuild from scripts/codemirror-entry.js.
CODEMIRROR_PACKAGES="codemirror@6.0.2 @codemirror/lang-python@6.2.1 @codemirror/view@6.43.15
  @codemirror/state@6.7.6 @codemirror/commands@6.11.1 esbuild@0.25.12"
root="$(cd "$(dirname "$0")/.." && pwd)"
target="$root/src/mlpath/web/static/vendor"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
npm pack --silent "htmx.org@$HTMX_VERSION" "katex@$KATEX_VERSION" >/dev/null
mkdir htmx katex
tar -xzf htmx.org-*.tgz -C htmx
tar -xzf katex-*.tgz -C katex
rm -rf "$target" && mkdir -p "$target/katex/fonts"
cp htmx/package/dist/htmx.min.js "$target/htmx.min.js"
cp htmx/package/LICENSE "$target/htmx.LICENSE"
cp katex/package/dist/katex.min.js katex/package/dist/katex.min.css "$target/katex/"
cp katex/package/dist/fonts/*.woff2 "$target/katex/fonts/"
cp katex/package/LICENSE "$target/katex/LICENSE"
npm init -y >/dev/null
# shellcheck disable=SC2086 -- the list is words on purpose
npm install --silent $CODEMIRROR_PACKAGES
cp "$root/scripts/codemirror-entry.js" entry.js
./node_modules/.bin/esbuild entry.js --bundle --minify --format=iife --legal-comments=eof \
  --outfile="$target/codemirror.min.js"
cp node_modules/codemirror/LICENSE "$target/codemirror.LICENSE"
echo "htmx $HTMX_VERSION, KaTeX $KATEX_VERSION, CodeMirror 6 -> $target"
