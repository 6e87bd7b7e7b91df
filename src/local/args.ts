/** Argument parsing for the commands: node's parseArgs, with mistakes turned into Japanese usage errors. */
import { parseArgs } from 'node:util';
import { UserError } from './cliSupport';

type Options = Record<string, { type: 'string' | 'boolean' }>;

export function parse<O extends Options>(args: readonly string[], options: O, usage: string) {
  try {
    return parseArgs({ args: [...args], options: { ...options, help: { type: 'boolean' } }, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UserError(`${(e as Error).message}\n使い方: ${usage}`);
  }
}

export function requireDate(value: string | undefined, name: string): string | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new UserError(`${name} は YYYY-MM-DD で指定してください（指定: ${value}）。`);
  return value;
}
