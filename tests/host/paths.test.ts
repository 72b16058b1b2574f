import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_NAME_BYTES, MAX_PATH_BYTES } from '@contract';
import {
  isInside,
  linkTargetInside,
  makeParents,
  parseClientPath,
  resolveInHome,
  type SandboxHome,
} from '../../src/host/sandbox/paths';
import { tempDir } from '../helpers/host';

// One tree for the whole file; no test changes it.
//   home/a.txt  home/dir/b.txt  home/dir/up -> ../../outside  home/in-link -> dir
//   home/out-link -> ../outside  home/out-file -> ../outside/secret.txt  home/dangling -> nowhere
//   home/loop -> loop  home/twin -> ../home-twin (a sibling whose name starts like home's)
//   outside/secret.txt  home-twin/c.txt  linked-home -> home  file-home (a file)  linked-root -> .
let root: string;
let home: string;
let realHome: string;
/** The home folder `name` under the test root, as the host would give it. */
const at = (name = 'home', top = root): SandboxHome => ({ root: top, folders: [name] });

beforeAll(() => {
  root = tempDir('ash-paths-');
  home = path.join(root, 'home');
  fs.mkdirSync(path.join(home, 'dir'), { recursive: true });
  fs.mkdirSync(path.join(root, 'outside'));
  fs.mkdirSync(path.join(root, 'home-twin'));
  fs.writeFileSync(path.join(home, 'a.txt'), 'a');
  fs.writeFileSync(path.join(home, 'dir', 'b.txt'), 'b');
  fs.writeFileSync(path.join(root, 'outside', 'secret.txt'), 'secret');
  fs.writeFileSync(path.join(root, 'home-twin', 'c.txt'), 'c');
  fs.symlinkSync(path.join('..', '..', 'outside'), path.join(home, 'dir', 'up'));
  fs.symlinkSync('dir', path.join(home, 'in-link'));
  fs.symlinkSync(path.join('..', 'outside'), path.join(home, 'out-link'));
  fs.symlinkSync(path.join('..', 'outside', 'secret.txt'), path.join(home, 'out-file'));
  fs.symlinkSync('nowhere', path.join(home, 'dangling'));
  fs.symlinkSync('loop', path.join(home, 'loop'));
  fs.symlinkSync(path.join('..', 'home-twin'), path.join(home, 'twin'));
  fs.symlinkSync(home, path.join(root, 'linked-home'));
  fs.writeFileSync(path.join(root, 'file-home'), '');
  fs.symlinkSync('.', path.join(root, 'linked-root'));
  realHome = fs.realpathSync(home);
});

afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const badPath = { statusCode: 400, code: 'invalid_request', param: 'path' };

describe('parseClientPath', () => {
  it('treats empty, . and ./ as home and drops empty and . segments', () => {
    expect(parseClientPath('')).toEqual([]);
    expect(parseClientPath('.')).toEqual([]);
    expect(parseClientPath('./')).toEqual([]);
    expect(parseClientPath('a//b')).toEqual(['a', 'b']);
    expect(parseClientPath('./a/./b/')).toEqual(['a', 'b']);
  });

  it.each([
    ['..'],
    ['../x'],
    ['a/../b'],
    ['a/../../x'],
    ['/etc/passwd'],
    ['/'],
    ['a\0b'],
    ['a\\b'],
    ['..\\x'],
    ['x'.repeat(256)],
  ])('refuses %j', (input) => {
    expect(() => parseClientPath(input)).toThrow(expect.objectContaining(badPath));
  });

  it('accepts names that only look special', () => {
    expect(parseClientPath('...')).toEqual(['...']);
    expect(parseClientPath('..a/b..')).toEqual(['..a', 'b..']);
    expect(parseClientPath('C:/x')).toEqual(['C:', 'x']);
    expect(parseClientPath('é'.repeat(127))).toHaveLength(1);
  });

  it('refuses a path longer than the system takes, naming the limit', () => {
    const name = 'n'.repeat(MAX_NAME_BYTES);
    // 16 names of 255 bytes and their slashes: 4,095 bytes, the most a path may have.
    const longest = Array.from({ length: 16 }, () => name).join('/');
    expect(Buffer.byteLength(longest)).toBe(MAX_PATH_BYTES);
    expect(parseClientPath(longest)).toHaveLength(16);
    expect(() => parseClientPath(`${longest}/x`)).toThrow(
      expect.objectContaining({ ...badPath, message: expect.stringContaining(`${MAX_PATH_BYTES} bytes`) }),
    );
    expect(() => parseClientPath(`${'x'.repeat(MAX_NAME_BYTES + 1)}/a`)).toThrow(
      expect.objectContaining({ ...badPath, message: expect.stringContaining(`${MAX_NAME_BYTES} bytes`) }),
    );
    // Bytes, not characters: 128 two-byte characters are 256 bytes.
    expect(() => parseClientPath('é'.repeat(128))).toThrow(expect.objectContaining(badPath));
  });

  it('names the parameter it was given', () => {
    expect(() => parseClientPath('..', 'after')).toThrow(expect.objectContaining({ param: 'after' }));
  });
});

describe('isInside', () => {
  it('does not mistake a sibling with the same prefix for a child', () => {
    expect(isInside('/data/home', '/data/home')).toBe(true);
    expect(isInside('/data/home', '/data/home/a')).toBe(true);
    expect(isInside('/data/home', '/data/home-twin/a')).toBe(false);
    expect(isInside('/data/home', '/data')).toBe(false);
  });
});

describe('resolveInHome', () => {
  it('resolves home itself', async () => {
    for (const input of ['', '.', './', './/.']) {
      const r = await resolveInHome(at(), input);
      expect(r).toMatchObject({ rel: '.', home: realHome, abs: realHome });
      expect(r.stat?.isDirectory()).toBe(true);
    }
  });

  it('resolves files and folders, normalising the path', async () => {
    const file = await resolveInHome(at(), './dir//b.txt');
    expect(file).toMatchObject({ rel: 'dir/b.txt', abs: path.join(realHome, 'dir', 'b.txt') });
    expect(file.stat?.isFile()).toBe(true);
    expect((await resolveInHome(at(), 'dir/')).stat?.isDirectory()).toBe(true);
  });

  it('gives no stat for a missing path, still inside home', async () => {
    const r = await resolveInHome(at(), 'new/deeper/c.txt');
    expect(r).toMatchObject({ rel: 'new/deeper/c.txt', abs: path.join(realHome, 'new', 'deeper', 'c.txt') });
    expect(r.stat).toBeUndefined();
    expect(r.blockedBy).toBeUndefined();
  });

  it('names the file that stands where a folder is needed', async () => {
    const r = await resolveInHome(at(), 'dir/b.txt/c/d');
    expect(r).toMatchObject({ rel: 'dir/b.txt/c/d', blockedBy: 'dir/b.txt' });
    expect(r.stat).toBeUndefined();
  });

  it('follows a link whose target is inside home, to its real place', async () => {
    const r = await resolveInHome(at(), 'in-link/b.txt');
    expect(r).toMatchObject({ rel: 'in-link/b.txt', abs: path.join(realHome, 'dir', 'b.txt') });
    expect(r.stat?.isFile()).toBe(true);
    const missing = await resolveInHome(at(), 'in-link/new.txt');
    expect(missing.abs).toBe(path.join(realHome, 'dir', 'new.txt'));
  });

  it.each([
    ['out-link'],
    ['out-link/secret.txt'],
    ['out-link/new.txt'],
    ['out-file'],
    ['dir/up'],
    ['dir/up/secret.txt'],
    ['in-link/up/secret.txt'],
    ['dangling'],
    ['dangling/x'],
    ['loop'],
    ['twin/c.txt'],
  ])('refuses %j, a way out through a symbolic link', async (input) => {
    await expect(resolveInHome(at(), input)).rejects.toMatchObject(badPath);
  });

  it('in entry mode stops at a final link, but not at one along the way', async () => {
    const link = await resolveInHome(at(), 'out-link', 'entry');
    expect(link).toMatchObject({ rel: 'out-link', abs: path.join(realHome, 'out-link') });
    expect(link.stat?.isSymbolicLink()).toBe(true);
    await expect(resolveInHome(at(), 'out-link/secret.txt', 'entry')).rejects.toMatchObject(badPath);
    const inner = await resolveInHome(at(), 'in-link', 'entry');
    expect(inner.stat?.isSymbolicLink()).toBe(true);
  });

  it('works when the sandboxes folder is reached through a link', async () => {
    const r = await resolveInHome(at('home', path.join(root, 'linked-root')), 'in-link/b.txt');
    expect(r).toMatchObject({ home: realHome, abs: path.join(realHome, 'dir', 'b.txt') });
    await expect(resolveInHome(at('home', path.join(root, 'linked-root')), 'out-link')).rejects.toMatchObject(
      badPath,
    );
  });

  it.each([['linked-home'], ['file-home']])(
    'refuses a home that is no longer a real folder (%s), whatever the path',
    async (name) => {
      for (const input of ['.', 'a.txt', 'in-link/b.txt', 'new/c.txt']) {
        await expect(resolveInHome(at(name), input)).rejects.toMatchObject({
          statusCode: 409,
          code: 'conflict',
          message: expect.stringContaining('home folder is no longer a real folder') as unknown,
        });
      }
    },
  );

  it('refuses a home below a folder that was replaced by a link', async () => {
    const sandbox = { root, folders: ['linked-root', 'home'] };
    await expect(resolveInHome(sandbox, 'a.txt')).rejects.toMatchObject({ statusCode: 409 });
  });

  it('refuses bad syntax before looking at the disk', async () => {
    await expect(resolveInHome(at('no-such-home'), '../x')).rejects.toMatchObject(badPath);
  });

  it('is a 404 when the home is gone', async () => {
    await expect(resolveInHome(at('no-such-home'), 'x')).rejects.toMatchObject({
      statusCode: 404,
    });
  });
});

describe('resolveInHome and long paths', () => {
  it('refuses a path that fits the limit but not once the home folder is put before it', async () => {
    const name = 'n'.repeat(MAX_NAME_BYTES);
    const longest = Array.from({ length: 16 }, () => name).join('/');
    for (const resolution of ['follow', 'entry'] as const) {
      await expect(resolveInHome(at(), longest, resolution)).rejects.toMatchObject({
        ...badPath,
        message: expect.stringContaining(`more than the ${MAX_PATH_BYTES}`) as unknown,
      });
    }
    expect(fs.readdirSync(home)).not.toContain(name);
  });
});

describe('makeParents', () => {
  let base: string;
  beforeAll(() => {
    base = path.join(root, 'parents');
    fs.mkdirSync(base);
  });

  const target = (rel: string) => ({ rel, home: base, abs: path.join(base, ...rel.split('/')) });

  it('makes the missing folders and undoes only those, and only while empty', async () => {
    fs.mkdirSync(path.join(base, 'kept'));
    const undo = await makeParents(target('kept/a/b/c/file.txt'));
    expect(fs.statSync(path.join(base, 'kept', 'a', 'b', 'c')).isDirectory()).toBe(true);
    fs.writeFileSync(path.join(base, 'kept', 'a', 'other.txt'), '');
    await undo();
    expect(fs.readdirSync(path.join(base, 'kept'), { recursive: true }).map(String).sort()).toEqual([
      'a',
      'a/other.txt',
    ]);
    fs.rmSync(path.join(base, 'kept'), { recursive: true });
  });

  it('removes what it made when it fails part way', async () => {
    // Not checked first, unlike anything the files API hands it: the file system refuses a level.
    const rel = [...Array.from({ length: 17 }, () => 'd'.repeat(MAX_NAME_BYTES)), 'f'].join('/');
    await expect(makeParents(target(rel))).rejects.toMatchObject({ code: 'ENAMETOOLONG' });
    expect(fs.readdirSync(base)).toEqual([]);
  });
});

describe('linkTargetInside', () => {
  it('gives the real target inside home, and nothing for links that point out or nowhere', async () => {
    expect(await linkTargetInside(realHome, path.join(home, 'in-link'))).toBe(path.join(realHome, 'dir'));
    expect(await linkTargetInside(realHome, path.join(home, 'out-link'))).toBeUndefined();
    expect(await linkTargetInside(realHome, path.join(home, 'dangling'))).toBeUndefined();
    expect(await linkTargetInside(realHome, path.join(home, 'loop'))).toBeUndefined();
    expect(await linkTargetInside(realHome, path.join(home, 'twin'))).toBeUndefined();
  });
});
