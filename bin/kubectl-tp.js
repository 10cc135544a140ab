#!/usr/bin/env node
// kubectl's plugin entry: `kubectl tp check 4` runs this file (as kubectl-tp on
// PATH). It is tp itself, with help and examples that say `kubectl tp`.
require('../dist/start.cjs')
  .startTp(process.argv.slice(2), 'kubectl tp')
  .then((code) => {
    process.exitCode = code;
  });
