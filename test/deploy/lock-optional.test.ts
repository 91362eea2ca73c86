/** `npm run lock:optional` restores the platform packages a mirror drops, so `npm ci` accepts the lock. */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { addMissingOptional, platformOf } from '../../scripts/lock-optional';
import { repoRoot } from '../helpers/shared';

it('reads the platform from a binding package name', () => {
  expect(platformOf('@unrs/resolver-binding-linux-arm-musleabihf')).toEqual({ os: ['linux'], cpu: ['arm'], libc: ['musl'] });
  expect(platformOf('@unrs/resolver-binding-win32-x64-msvc')).toEqual({ os: ['win32'], cpu: ['x64'] });
  expect(platformOf('@unrs/resolver-binding-darwin-arm64')).toEqual({ os: ['darwin'], cpu: ['arm64'] });
});

it('adds each missing optional dependency once, and leaves a complete lock alone', () => {
  const lock = {
    packages: {
      '': { name: 'x' },
      'node_modules/resolver': { version: '1.0.0', dev: true, optionalDependencies: { 'bind-linux-x64-gnu': '1.0.0', 'bind-darwin-arm64': '1.0.0' } },
      'node_modules/bind-linux-x64-gnu': { version: '1.0.0', optional: true },
    },
  };
  expect(addMissingOptional(lock)).toEqual(['bind-darwin-arm64@1.0.0']);
  expect(lock.packages['node_modules/bind-darwin-arm64' as keyof typeof lock.packages]).toEqual({ version: '1.0.0', dev: true, optional: true, os: ['darwin'], cpu: ['arm64'] });
  expect(addMissingOptional(lock)).toEqual([]);
});

it('finds nothing missing in the committed lock (else npm ci refuses it)', () => {
  const lock = JSON.parse(readFileSync(path.join(repoRoot, 'package-lock.json'), 'utf8'));
  expect(addMissingOptional(lock)).toEqual([]);
});
