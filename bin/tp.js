#!/usr/bin/env node
// Entry point: runs the bundle (npm run build makes dist/). CommonJS (bin/package.json
// says so): Node does not start its ES module loader for a CommonJS entry.
require('../dist/start.cjs')
  .startTp(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
