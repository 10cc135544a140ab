#!/usr/bin/env node
// Entry point: runs the bundle (npm run build makes dist/).
import { main } from '../dist/tp.js';

process.exitCode = await main(process.argv.slice(2));
