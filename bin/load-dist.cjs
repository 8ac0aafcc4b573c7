// Loads a compiled module from dist/ for a bin, turning a start-up failure into one plain line and exit 2.
'use strict';
const path = require('node:path');

/**
 * @param {string} command - The bin's name, for the message.
 * @param {string} relative - The module under dist/, e.g. `cli/wireserver.js`.
 */
module.exports = function loadDist(command, relative) {
  const file = path.join(__dirname, '..', 'dist', relative);
  try {
    return require(file);
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    const missing = error && error.code === 'MODULE_NOT_FOUND' && message.includes(file);
    process.stderr.write(missing
      ? `${command}: ${file} is missing; in a source checkout run \`npm run build:dist\` first\n`
      : `${command}: cannot start: ${message}\n`);
    process.exit(2);
  }
};
