#!/usr/bin/env node
// The `wireserver` command: plain JavaScript compiled from src/cli/ into dist/ (npm run build:dist).
'use strict';
const loadDist = require('./load-dist.cjs');

const argv = process.argv.slice(2);
// `validate` goes straight to the validator, without loading the client, mock and crypto modules of
// the other commands (0.12 s of start-up); runWireServerCli would hand it to runValidate all the same.
const run =
  argv[0] === 'validate'
    ? loadDist('wireserver', 'cli/validate.js').runValidate(argv.slice(1))
    : loadDist('wireserver', 'cli/wireserver.js').runWireServerCli(argv);

run.then((code) => {
  process.exitCode = code;
});
