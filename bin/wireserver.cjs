#!/usr/bin/env node
// The `wireserver` command: registers tsx for this one require, then runs src/cli/wireserver.ts.
'use strict';
const path = require('node:path');
const tsx = require('tsx/cjs/api');

const { runWireServerCli } = tsx.require(path.join(__dirname, '..', 'src', 'cli', 'wireserver.ts'), __filename);
runWireServerCli(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
