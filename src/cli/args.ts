/** Command-line arguments: a small, strict parser with messages that say what is wrong. */

export interface CliArgs {
  readonly help: boolean;
  readonly params?: string;
  readonly compare?: string;
  readonly format: 'table' | 'json';
}

export type ArgsResult = { readonly ok: true; readonly args: CliArgs } | { readonly ok: false; readonly message: string };

export function parseArgs(argv: readonly string[]): ArgsResult {
  let help = false;
  let params: string | undefined;
  let compare: string | undefined;
  let format: 'table' | 'json' = 'table';
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string | undefined => inline ?? argv[++i];
    switch (flag) {
      case '-h':
      case '--help':
        help = true;
        break;
      case '--params':
      case '-p': {
        params = value();
        if (!params) return { ok: false, message: '--params needs a file (or - for standard input).' };
        break;
      }
      case '--compare': {
        compare = value();
        if (!compare) return { ok: false, message: '--compare needs a second scenario file.' };
        break;
      }
      case '--format': {
        const v = value();
        if (v !== 'table' && v !== 'json') return { ok: false, message: `--format must be "table" or "json", not ${v === undefined ? 'nothing' : `"${v}"`}.` };
        format = v;
        break;
      }
      default:
        return { ok: false, message: `Unknown argument "${arg}". Run with --help for the options.` };
    }
  }
  if (!help && params === undefined) return { ok: false, message: 'Missing --params FILE: the scenario to run (JSONC).' };
  return { ok: true, args: { help, format, ...(params !== undefined ? { params } : {}), ...(compare !== undefined ? { compare } : {}) } };
}
