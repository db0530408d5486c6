/** Command-line arguments: a small, strict parser with messages that say what is wrong. */

export type OutputFormat = 'table' | 'json' | 'csv';

export interface NamedFile {
  readonly name: string;
  readonly file: string;
}

export interface CliArgs {
  readonly help: boolean;
  readonly params?: string;
  readonly compare?: string;
  readonly format: OutputFormat;
  /** `FIELD=FROM..TO[:STEP]` or `FIELD=a,b,c`; the first is the swept axis, the rest make series. */
  readonly sweeps: readonly string[];
  /** More scenarios to sweep, each a series of its own. */
  readonly series: readonly NamedFile[];
  /** Sweep the fixes added one at a time from --params towards this scenario. */
  readonly ladder?: string;
  /** Sweeps also report every phase's wall time. */
  readonly phases: boolean;
}

export type ArgsResult = { readonly ok: true; readonly args: CliArgs } | { readonly ok: false; readonly message: string };

function parseSeries(v: string | undefined): NamedFile | string {
  const eq = v?.indexOf('=') ?? -1;
  if (v === undefined || eq <= 0 || eq === v.length - 1) {
    return `--series needs NAME=FILE, e.g. --series "all fixes=examples/all-optimizations.jsonc"${v === undefined ? '' : `, not "${v}"`}.`;
  }
  return { name: v.slice(0, eq).trim(), file: v.slice(eq + 1) };
}

export function parseArgs(argv: readonly string[]): ArgsResult {
  let help = false;
  let params: string | undefined;
  let compare: string | undefined;
  let ladder: string | undefined;
  let format: OutputFormat = 'table';
  let phases = false;
  const sweeps: string[] = [];
  const series: NamedFile[] = [];
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
        if (v !== 'table' && v !== 'json' && v !== 'csv') {
          return { ok: false, message: `--format must be "table", "json" or "csv", not ${v === undefined ? 'nothing' : `"${v}"`}.` };
        }
        format = v;
        break;
      }
      case '--sweep': {
        const v = value();
        if (!v) return { ok: false, message: '--sweep needs FIELD=FROM..TO[:STEP] or FIELD=a,b,c, e.g. --sweep guest.ramGiB=16..256:16.' };
        sweeps.push(v);
        break;
      }
      case '--series': {
        const s = parseSeries(value());
        if (typeof s === 'string') return { ok: false, message: s };
        series.push(s);
        break;
      }
      case '--ladder': {
        ladder = value();
        if (!ladder) return { ok: false, message: '--ladder needs the scenario to climb towards, e.g. --ladder examples/all-optimizations.jsonc.' };
        break;
      }
      case '--phases':
        phases = true;
        break;
      default:
        return { ok: false, message: `Unknown argument "${arg}". Run with --help for the options.` };
    }
  }
  if (!help && params === undefined) return { ok: false, message: 'Missing --params FILE: the scenario to run (JSONC).' };
  if (!help) {
    const sweeping = sweeps.length > 0;
    if (!sweeping && (series.length > 0 || ladder !== undefined || phases)) {
      return { ok: false, message: '--series, --ladder and --phases shape a sweep: add --sweep FIELD=FROM..TO[:STEP].' };
    }
    if (sweeping && compare !== undefined) {
      return { ok: false, message: '--compare does not combine with --sweep; add the second scenario as a series: --series NAME=FILE.' };
    }
    if (!sweeping && format === 'csv') return { ok: false, message: '--format csv is for sweeps; add --sweep FIELD=FROM..TO[:STEP], or use table or json.' };
  }
  return {
    ok: true,
    args: {
      help, format, sweeps, series, phases,
      ...(params !== undefined ? { params } : {}),
      ...(compare !== undefined ? { compare } : {}),
      ...(ladder !== undefined ? { ladder } : {}),
    },
  };
}
