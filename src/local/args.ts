/** Argument parsing for the commands: node's parseArgs, with mistakes turned into Japanese usage errors. */
import { parseArgs } from 'node:util';
import { isValidYmd } from '../domain/dates';
import { UserError } from './cliSupport';

type Options = Record<string, { type: 'string' | 'boolean'; multiple?: boolean }>;

export function parse<O extends Options>(args: readonly string[], options: O, usage: string) {
  try {
    return parseArgs({
      args: [...args],
      options: { ...options, help: { type: 'boolean' } },
      allowPositionals: true,
      strict: true,
      tokens: true,
    });
  } catch (e) {
    throw new UserError(`${argumentProblem(e as Error & { code?: string })}\n使い方: ${usage}`);
  }
}

/** A --today style option: a real calendar date as YYYY-MM-DD (2024-02-30 is refused, not rolled over). */
/** node's parseArgs speaks English; say the same in Japanese, naming the option. */
function argumentProblem(e: Error & { code?: string }): string {
  const option = /'([^']+)'/.exec(e.message)?.[1] ?? '';
  switch (e.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `不明なオプションです: ${option}`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return `オプション ${option.split(/[ ,]/)[0]} の値が正しくありません（値が必要なオプションか、値をとらないオプションかを確認してください）。`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `余分な引数があります: ${option}`;
    default:
      return `引数を読み取れません: ${e.message}`;
  }
}

export function requireDate(value: string | undefined, name: string): string | undefined {
  if (value === undefined) return undefined;
  if (!isValidYmd(value)) throw new UserError(`${name} は実在する日付を YYYY-MM-DD で指定してください（指定: ${value}）。`);
  return value;
}
