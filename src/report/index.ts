// The formatters, by the name given to `--format`. Adding one is a file in this
// folder and a line here.
import type { Report } from '../engine/types.js';
import { formatGithub } from './github.js';
import { formatJson } from './json.js';
import { formatJunit } from './junit.js';
import { formatPretty } from './pretty.js';

export interface FormatOptions {
  color: boolean;
}

export type Formatter = (report: Report, options: FormatOptions) => string;

export const formatters = {
  pretty: formatPretty,
  json: formatJson,
  junit: formatJunit,
  github: formatGithub,
} satisfies Record<string, Formatter>;

export type FormatName = keyof typeof formatters;

export const formatNames = Object.keys(formatters) as FormatName[];

export const isFormatName = (name: string): name is FormatName => Object.hasOwn(formatters, name);

/** Undefined for an unknown name, so the CLI can say which names exist. */
export const findFormatter = (name: string): Formatter | undefined => (isFormatName(name) ? formatters[name] : undefined);
