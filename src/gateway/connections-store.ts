import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Type, type Static } from 'typebox';
import { Value } from 'typebox/value';
import {
  CONNECTION_NAME_PATTERN,
  ConnectionColour,
  FEATURES_PATTERN,
  LOCAL_CONNECTION,
  type Connection,
  type ConnectionUpdate,
} from '@contract';
import { gatewayError } from './errors';
import { parseEndpoint } from './endpoint';

/** One connection as the file keeps it; the wire shape adds what follows from it (kind, api_base). */
const StoredConnection = Type.Object(
  {
    name: Type.String({ pattern: CONNECTION_NAME_PATTERN }),
    endpoint: Type.String(),
    colour: Type.Optional(ConnectionColour),
    production: Type.Optional(Type.Boolean()),
    features: Type.Optional(Type.String({ pattern: FEATURES_PATTERN })),
  },
  { additionalProperties: false },
);
export type StoredConnection = Static<typeof StoredConnection>;

const ConnectionsFile = Type.Object(
  { connections: Type.Array(StoredConnection) },
  { additionalProperties: false },
);

const CONNECTIONS_FILE = 'connections.json';

/**
 * The Foundry connections of this console, kept in `{dataDir}/connections.json` (people may edit it by
 * hand while the console is stopped). Every change rewrites the file whole: a temp file renamed into
 * place, so a crash leaves the old file or the new one, never half of one.
 */
export class ConnectionStore {
  private readonly file: string;
  private entries: StoredConnection[];

  constructor(
    dataDir: string,
    private readonly allowLocal: boolean,
    private readonly localEndpoint: string,
  ) {
    this.file = path.join(dataDir, CONNECTIONS_FILE);
    this.entries = this.load();
  }

  list(): Connection[] {
    return [this.local(), ...this.entries.map(toWire)];
  }

  /** A Foundry connection by name; the local host is not one (it is never reached through the gateway). */
  get(name: string): StoredConnection | undefined {
    return this.entries.find((c) => c.name === name);
  }

  wire(name: string): Connection | undefined {
    if (name === LOCAL_CONNECTION) return this.local();
    const entry = this.get(name);
    return entry && toWire(entry);
  }

  add(entry: StoredConnection): Connection {
    if (entry.name === LOCAL_CONNECTION || this.get(entry.name)) {
      throw gatewayError(409, 'conflict', `A connection named '${entry.name}' already exists.`, 'name');
    }
    this.save([...this.entries, entry]);
    return toWire(entry);
  }

  update(name: string, patch: ConnectionUpdate): Connection {
    const entry = this.require(name);
    const next: StoredConnection = { ...entry };
    if (patch.colour === null) delete next.colour;
    else if (patch.colour !== undefined) next.colour = patch.colour;
    if (patch.production !== undefined) next.production = patch.production;
    if (patch.features === null) delete next.features;
    else if (patch.features !== undefined) next.features = patch.features;
    this.save(this.entries.map((c) => (c === entry ? next : c)));
    return toWire(next);
  }

  remove(name: string): void {
    const entry = this.require(name);
    this.save(this.entries.filter((c) => c !== entry));
  }

  /** A stored connection, or the error a caller who named another one should get. */
  private require(name: string): StoredConnection {
    if (name === LOCAL_CONNECTION) {
      throw gatewayError(
        409,
        'conflict',
        'The local host is built in: it cannot be changed or removed, and it is not reached through the gateway.',
      );
    }
    const entry = this.get(name);
    if (!entry) throw gatewayError(404, 'not_found', `There is no connection named '${name}'.`);
    return entry;
  }

  private local(): Connection {
    return {
      name: LOCAL_CONNECTION,
      kind: 'local',
      endpoint: this.localEndpoint,
      api_base: this.localEndpoint,
      production: false,
    };
  }

  private load(): StoredConnection[] {
    let text: string;
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw new Error(`Cannot read the connections file ${this.file}: ${(err as Error).message}`);
    }
    const invalid = (why: string) =>
      new Error(
        `The connections file ${this.file} is not valid: ${why} Fix it, or add connections in Settings.`,
      );
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (err) {
      throw invalid(`${(err as Error).message}.`);
    }
    if (!Value.Check(ConnectionsFile, parsed)) {
      const [first] = Value.Errors(ConnectionsFile, parsed);
      throw invalid(`${first?.instancePath || 'the file'} ${first?.message ?? 'does not fit'}.`);
    }
    const names = new Set<string>([LOCAL_CONNECTION]);
    return parsed.connections.map((entry, i) => {
      if (names.has(entry.name))
        throw invalid(`the name '${entry.name}' is used twice (or is the built-in 'local').`);
      names.add(entry.name);
      try {
        return { ...entry, endpoint: parseEndpoint(entry.endpoint, this.allowLocal) };
      } catch (err) {
        throw invalid(`/connections/${i}/endpoint: ${(err as Error).message}`);
      }
    });
  }

  private save(entries: StoredConnection[]): void {
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${randomUUID()}.tmp`;
    try {
      fs.writeFileSync(tmp, `${JSON.stringify({ connections: entries }, null, 2)}\n`, { flush: true });
      fs.renameSync(tmp, this.file);
    } catch (err) {
      fs.rmSync(tmp, { force: true });
      throw err;
    }
    this.entries = entries;
  }
}

function toWire(entry: StoredConnection): Connection {
  return {
    name: entry.name,
    kind: 'foundry',
    endpoint: entry.endpoint,
    api_base: `/gateway/${entry.name}`,
    ...(entry.colour !== undefined && { colour: entry.colour }),
    production: entry.production ?? false,
    ...(entry.features !== undefined && { features: entry.features }),
  };
}
