#!/usr/bin/env node
// The `wireserver-mock` command: the mock WireServer and HostGAPlugin on 127.0.0.1 until interrupted.
'use strict';
const { runMockMain } = require('./load-dist.cjs')('wireserver-mock', 'cli/mock.js');

runMockMain(process.argv.slice(2));
