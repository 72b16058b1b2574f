import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isInside, linkTargetInside, parseClientPath, resolveInHome } from '../../src/host/sandbox/paths';
import { tempDir } from '../helpers/host';

// One tree for the whole file; no test changes it.
//   home/a.txt  home/dir/b.txt  home/dir/up -> ../../outside  home/in-link -> dir
//   home/out-link -> ../outside  home/out-file -> ../outside/secret.txt  home/dangling -> nowhere
//   home/loop -> loop  home/twin -> ../home-twin (a sibling whose name starts like home's)
//   outside/secret.txt  home-twin/c.txt  linked-home -> home
let root: string;
let home: string;
let realHome: string;

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
      const r = await resolveInHome(home, input);
      expect(r).toMatchObject({ rel: '.', home: realHome, abs: realHome });
      expect(r.stat?.isDirectory()).toBe(true);
    }
  });

  it('resolves files and folders, normalising the path', async () => {
    const file = await resolveInHome(home, './dir//b.txt');
    expect(file).toMatchObject({ rel: 'dir/b.txt', abs: path.join(realHome, 'dir', 'b.txt') });
    expect(file.stat?.isFile()).toBe(true);
    expect((await resolveInHome(home, 'dir/')).stat?.isDirectory()).toBe(true);
  });

  it('gives no stat for a missing path, still inside home', async () => {
    const r = await resolveInHome(home, 'new/deeper/c.txt');
    expect(r).toMatchObject({ rel: 'new/deeper/c.txt', abs: path.join(realHome, 'new', 'deeper', 'c.txt') });
    expect(r.stat).toBeUndefined();
    expect(r.blockedBy).toBeUndefined();
  });

  it('names the file that stands where a folder is needed', async () => {
    const r = await resolveInHome(home, 'dir/b.txt/c/d');
    expect(r).toMatchObject({ rel: 'dir/b.txt/c/d', blockedBy: 'dir/b.txt' });
    expect(r.stat).toBeUndefined();
  });

  it('follows a link whose target is inside home, to its real place', async () => {
    const r = await resolveInHome(home, 'in-link/b.txt');
    expect(r).toMatchObject({ rel: 'in-link/b.txt', abs: path.join(realHome, 'dir', 'b.txt') });
    expect(r.stat?.isFile()).toBe(true);
    const missing = await resolveInHome(home, 'in-link/new.txt');
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
    await expect(resolveInHome(home, input)).rejects.toMatchObject(badPath);
  });

  it('in entry mode stops at a final link, but not at one along the way', async () => {
    const link = await resolveInHome(home, 'out-link', 'entry');
    expect(link).toMatchObject({ rel: 'out-link', abs: path.join(realHome, 'out-link') });
    expect(link.stat?.isSymbolicLink()).toBe(true);
    await expect(resolveInHome(home, 'out-link/secret.txt', 'entry')).rejects.toMatchObject(badPath);
    const inner = await resolveInHome(home, 'in-link', 'entry');
    expect(inner.stat?.isSymbolicLink()).toBe(true);
  });

  it('works when home is reached through a link', async () => {
    const r = await resolveInHome(path.join(root, 'linked-home'), 'in-link/b.txt');
    expect(r).toMatchObject({ home: realHome, abs: path.join(realHome, 'dir', 'b.txt') });
    await expect(resolveInHome(path.join(root, 'linked-home'), 'out-link')).rejects.toMatchObject(badPath);
  });

  it('refuses bad syntax before looking at the disk', async () => {
    await expect(resolveInHome(path.join(root, 'no-such-home'), '../x')).rejects.toMatchObject(badPath);
  });

  it('is a 404 when the home is gone', async () => {
    await expect(resolveInHome(path.join(root, 'no-such-home'), 'x')).rejects.toMatchObject({
      statusCode: 404,
    });
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
