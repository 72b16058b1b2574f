/**
 * bundle-initial: the gzip size of the JavaScript and CSS the console's first page loads, over a
 * budget of 150 KB. The files are the ones Chromium actually fetched for `/`, read from the built
 * dist/ folder and gzipped here, so the figure does not depend on how the server compresses.
 */
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchChromium } from './browser';
import type { BenchHost } from './host';
import type { Benchmark } from './report';

const BUDGET_KB = 150;

export const bundleInitial: Benchmark<BenchHost> = {
  name: 'bundle-initial',
  run: async (host) => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      const assets = new Set<string>();
      page.on('request', (request) => {
        const url = new URL(request.url());
        if (url.origin === host.origin && /\.(js|css)$/.test(url.pathname)) assets.add(url.pathname);
      });
      await page.goto(`${host.origin}/`, { waitUntil: 'networkidle' });
      const dist = host.uiDir;
      const sizes = [...assets].sort().map((asset) => {
        const bytes = fs.readFileSync(path.join(dist, asset));
        return { asset, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
      });
      const gzipKb = sizes.reduce((sum, s) => sum + s.gzip, 0) / 1000;
      return {
        name: 'bundle-initial',
        ratio: gzipKb / BUDGET_KB,
        target: { op: '<=', value: 1 },
        raw: [
          `first page: / loaded ${sizes.length} JS/CSS files, ${gzipKb.toFixed(1)} KB gzipped (budget ${BUDGET_KB} KB)`,
          ...sizes.map(
            (s) => `${s.asset}: ${(s.raw / 1000).toFixed(1)} KB, gzip ${(s.gzip / 1000).toFixed(1)} KB`,
          ),
        ],
      };
    } finally {
      await browser.close();
    }
  },
};
