#!/usr/bin/env node
// Entry point: runs the bundle (npm run build makes dist/).
import { startTp } from '../dist/start.js';

process.exitCode = await startTp(process.argv.slice(2));
