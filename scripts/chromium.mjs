// Finds Chromium for the browser tests, installing Debian's package when it is missing
// and we may. A missing browser is a failure with a message, never a silent skip.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

function found() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  return CANDIDATES.find((p) => existsSync(p));
}

export function ensureChromium() {
  const path = found();
  if (path) return { ok: true, path };
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
  if (!isRoot || !hasApt) {
    return {
      ok: false,
      message:
        'Chromium is needed for the browser tests and is not installed. Install it with\n' +
        '  sudo apt-get install -y --no-install-recommends chromium\n' +
        'or point CHROMIUM_PATH at a Chromium or Chrome binary.',
    };
  }
  console.log('Installing Chromium from Debian packages for the browser tests…');
  try {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium'], { stdio: 'inherit', env });
  } catch (err) {
    return { ok: false, message: `Installing Chromium failed: ${err instanceof Error ? err.message : String(err)}` };
  }
  const after = found();
  return after ? { ok: true, path: after } : { ok: false, message: 'Chromium was installed but no binary was found.' };
}
