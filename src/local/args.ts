/** Argument parsing for the commands: node's parseArgs, with mistakes turned into Japanese usage errors. */
import { parseArgs } from 'node:util';
import { isValidYmd } from '../domain/dates';
import { UserError } from './cliSupport';

type Options = Record<string, { type: 'string' | 'boolean' }>;

export function parse<O extends Options>(args: readonly string[], options: O, usage: string) {
  try {
    return parseArgs({ args: [...args], options: { ...options, help: { type: 'boolean' } }, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UserError(`${(e as Error).message}\n使い方: ${usage}`);
  }
}

/** A --today style option: a real calendar date as YYYY-MM-DD (2024-02-30 is refused, not rolled over). */
export function requireDate(value: string | undefined, name: string): string | undefined {
  if (value === undefined) return undefined;
  if (!isValidYmd(value)) throw new UserError(`${name} は実在する日付を YYYY-MM-DD で指定してください（指定: ${value}）。`);
  return value;
}
