#!/usr/bin/env node
// kubectl's plugin entry: `kubectl tp check 4` runs this file (as kubectl-tp on
// PATH). It is tp itself, with help and examples that say `kubectl tp`.
import { startTp } from '../dist/start.js';

process.exitCode = await startTp(process.argv.slice(2), 'kubectl tp');
