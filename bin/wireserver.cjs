#!/usr/bin/env node
// The `wireserver` command: plain JavaScript compiled from src/cli/ into dist/ (npm run build:dist).
'use strict';
const { runWireServerCli } = require('./load-dist.cjs')('wireserver', 'cli/wireserver.js');

runWireServerCli(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
