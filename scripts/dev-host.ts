import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * How `npm run dev` runs the host: as `npm start` does (`--expose-gc`, which keeps an upload's memory
 * low: src/host/young-garbage.ts), restarted by `tsx watch` when its code changes, API only.
 * Node's arguments go after `watch`: tsx hands those to each host it starts, not to itself.
 */
export function devHostArgs(extra: string[]): string[] {
  return [
    require.resolve('tsx/cli'),
    'watch',
    '--expose-gc',
    'src/cli.ts',
    '--port',
    '4281',
    '--no-ui',
    ...extra,
  ];
}
