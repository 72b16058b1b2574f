import type {
  Agent,
  AgentCard,
  AgentEndpoint,
  AgentState,
  AgentVersion,
  List,
  PageQuery,
} from '@contract';
import type { Db } from './db';
import { pageBySeq } from './paging';

export type CatalogVersion = Omit<AgentVersion, 'object' | 'id' | 'name' | 'created_at'> & {
  created_at?: number;
};

/** What the catalog declares for one agent. */
export interface CatalogAgent {
  name: string;
  agent_endpoint?: AgentEndpoint;
  agent_card?: AgentCard;
  versions: CatalogVersion[];
}

interface AgentRow {
  name: string;
  seq: number;
  state: AgentState;
  agent_endpoint: string | null;
  agent_card: string | null;
}

interface VersionRow {
  agent_name: string;
  version: string;
  seq: number;
  created_at: number;
  body: string;
}

const versionId = (agent: string, version: string) => `${agent}:${version}`;

export class AgentsRepo {
  /**
   * Agents and versions change only through this repository, and rarely, while every session call
   * reads them: they are kept in memory once read and dropped on any change. Callers must not mutate them.
   */
  private readonly agentCache = new Map<string, Agent>();
  private readonly versionCache = new Map<string, AgentVersion>();

  constructor(private readonly db: Db) {}

  private changed(): void {
    this.agentCache.clear();
    this.versionCache.clear();
  }

  /**
   * Brings the catalog in. Versions follow the catalog; an agent's state, endpoint and card are the
   * catalog's only the first time, after that they are whatever was patched.
   */
  importCatalog(agents: CatalogAgent[], now: number): void {
    const db = this.db;
    db.transaction(() => {
      const nextSeq = (table: string) =>
        (db.prepare(`SELECT COALESCE(MAX(seq), 0) + 1 AS n FROM ${table}`).get() as { n: number }).n;
      for (const agent of agents) {
        const exists = db.prepare('SELECT 1 FROM agents WHERE name = ?').get(agent.name);
        if (!exists) {
          db.prepare(
            'INSERT INTO agents (name, seq, state, agent_endpoint, agent_card, created_at) VALUES (?, ?, ?, ?, ?, ?)',
          ).run(
            agent.name,
            nextSeq('agents'),
            'enabled',
            agent.agent_endpoint ? JSON.stringify(agent.agent_endpoint) : null,
            agent.agent_card ? JSON.stringify(agent.agent_card) : null,
            now,
          );
        }
        for (const v of agent.versions) {
          const { created_at: createdAt, ...body } = v;
          const existing = db
            .prepare('SELECT created_at FROM agent_versions WHERE agent_name = ? AND version = ?')
            .get(agent.name, v.version) as { created_at: number } | undefined;
          if (existing) {
            db.prepare('UPDATE agent_versions SET body = ? WHERE agent_name = ? AND version = ?').run(
              JSON.stringify(body),
              agent.name,
              v.version,
            );
          } else {
            db.prepare(
              'INSERT INTO agent_versions (agent_name, version, seq, created_at, body) VALUES (?, ?, ?, ?, ?)',
            ).run(agent.name, v.version, nextSeq('agent_versions'), createdAt ?? now, JSON.stringify(body));
          }
        }
      }
    })();
    this.changed();
  }

  get(name: string): Agent | undefined {
    const cached = this.agentCache.get(name);
    if (cached) return cached;
    const row = this.db.prepare('SELECT * FROM agents WHERE name = ?').get(name) as AgentRow | undefined;
    if (!row) return undefined;
    const agent = this.toAgent(row);
    this.agentCache.set(name, agent);
    return agent;
  }

  /** A page of agents; `kind` (of the latest version's definition) filters before paging, so pages stay full. */
  list(query: PageQuery, kind?: string): List<Agent> {
    const rows = pageBySeq<AgentRow>(
      query,
      (direction, bound, count) =>
        this.db
          .prepare(
            `SELECT * FROM agents WHERE (? IS NULL OR seq ${direction === 'asc' ? '>' : '<'} ?)
               AND (? IS NULL OR ? = (SELECT json_extract(v.body, '$.definition.kind') FROM agent_versions v
                                      WHERE v.agent_name = agents.name ORDER BY v.seq DESC LIMIT 1))
             ORDER BY seq ${direction} LIMIT ?`,
          )
          .all(bound ?? null, bound ?? null, kind ?? null, kind ?? null, count) as AgentRow[],
      (id) =>
        (this.db.prepare('SELECT seq FROM agents WHERE name = ?').get(id) as { seq: number } | undefined)
          ?.seq,
      (row) => row.name,
    );
    return { ...rows, data: rows.data.map((r) => this.toAgent(r)) };
  }

  version(agent: string, version: string): AgentVersion | undefined {
    const cacheKey = versionId(agent, version);
    const cached = this.versionCache.get(cacheKey);
    if (cached) return cached;
    const row = this.db
      .prepare('SELECT * FROM agent_versions WHERE agent_name = ? AND version = ?')
      .get(agent, version) as VersionRow | undefined;
    if (!row) return undefined;
    const found = toVersion(row);
    this.versionCache.set(cacheKey, found);
    return found;
  }

  versionNames(agent: string): string[] {
    return (
      this.db.prepare('SELECT version FROM agent_versions WHERE agent_name = ? ORDER BY seq').all(agent) as {
        version: string;
      }[]
    ).map((r) => r.version);
  }

  listVersions(agent: string, query: PageQuery): List<AgentVersion> {
    const rows = pageBySeq<VersionRow>(
      query,
      (direction, bound, count) =>
        this.db
          .prepare(
            `SELECT * FROM agent_versions WHERE agent_name = ? AND (? IS NULL OR seq ${direction === 'asc' ? '>' : '<'} ?)
             ORDER BY seq ${direction} LIMIT ?`,
          )
          .all(agent, bound ?? null, bound ?? null, count) as VersionRow[],
      (id) => {
        // Accept the version's id (`agent:version`) or the bare version.
        const version = id.startsWith(`${agent}:`) ? id.slice(agent.length + 1) : id;
        const row = this.db
          .prepare('SELECT seq FROM agent_versions WHERE agent_name = ? AND version = ?')
          .get(agent, version) as { seq: number } | undefined;
        return row?.seq;
      },
      (row) => versionId(row.agent_name, row.version),
    );
    return { ...rows, data: rows.data.map(toVersion) };
  }

  setState(name: string, state: AgentState): void {
    this.db.prepare('UPDATE agents SET state = ? WHERE name = ?').run(state, name);
    this.changed();
  }

  /** Stores the already merged and validated endpoint and card; `undefined` clears one. */
  saveSettings(name: string, endpoint: AgentEndpoint | undefined, card: AgentCard | undefined): void {
    this.db
      .prepare('UPDATE agents SET agent_endpoint = ?, agent_card = ? WHERE name = ?')
      .run(endpoint ? JSON.stringify(endpoint) : null, card ? JSON.stringify(card) : null, name);
    this.changed();
  }

  private toAgent(row: AgentRow): Agent {
    const latest = this.db
      .prepare('SELECT * FROM agent_versions WHERE agent_name = ? ORDER BY seq DESC LIMIT 1')
      .get(row.name) as VersionRow;
    return {
      object: 'agent',
      id: row.name,
      name: row.name,
      state: row.state,
      versions: { latest: toVersion(latest) },
      ...(row.agent_endpoint && { agent_endpoint: JSON.parse(row.agent_endpoint) as AgentEndpoint }),
      ...(row.agent_card && { agent_card: JSON.parse(row.agent_card) as AgentCard }),
    };
  }
}

function toVersion(row: VersionRow): AgentVersion {
  const body = JSON.parse(row.body) as Omit<AgentVersion, 'object' | 'id' | 'name' | 'created_at'>;
  return {
    object: 'agent.version',
    id: versionId(row.agent_name, row.version),
    name: row.agent_name,
    ...body,
    version: row.version,
    created_at: row.created_at,
  };
}
