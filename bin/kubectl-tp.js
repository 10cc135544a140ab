#!/usr/bin/env node
// kubectl's plugin entry: `kubectl tp check 4` runs this file (as kubectl-tp on
// PATH). It is tp itself, with help and examples that say `kubectl tp`.
import { main } from '../dist/tp.js';

process.exitCode = await main(process.argv.slice(2), undefined, 'kubectl tp');
