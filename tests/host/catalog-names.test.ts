import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/host/catalog';
import { tempDir } from '../helpers/host';

const dir = tempDir('ash-catalog-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function catalogNaming(name: string): string {
  const file = path.join(dir, `${encodeURIComponent(name)}.json`);
  const version = { version: '1', definition: { kind: 'hosted', cpu: '0.5', memory: '1Gi' } };
  fs.writeFileSync(file, JSON.stringify({ agents: [{ name, versions: [version] }] }));
  return file;
}

// The host stands in for Foundry, so a catalog may only hold names Foundry itself would take.
describe('the catalog takes agent names by Foundry’s rule', () => {
  it.each(['notes-agent', 'A1', 'x'.repeat(63)])('accepts %s', (name) => {
    expect(loadCatalog(catalogNaming(name)).map((a) => a.name)).toEqual([name]);
  });

  it.each(['notes_agent', 'notes.agent', 'agent-', 'x'.repeat(64)])('refuses %s', (name) => {
    expect(() => loadCatalog(catalogNaming(name))).toThrow(/name/);
  });
});
