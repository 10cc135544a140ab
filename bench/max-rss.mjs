// Preloaded into the process measured (node --import ./bench/max-rss.mjs …):
// writes its peak resident memory, in kilobytes, to $TP_BENCH_RSS_FILE on exit.
import { writeFileSync } from 'node:fs';

const file = process.env.TP_BENCH_RSS_FILE;
if (file) process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS)));
