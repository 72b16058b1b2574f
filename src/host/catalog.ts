import fs from 'node:fs';
import { Type } from 'typebox';
import { AGENT_NAME_PATTERN, AgentCard, AgentEndpoint, AgentVersion } from '@contract';
import type { CatalogAgent } from './store/agents-repo';
import { assertValid } from './validation';

const CatalogFile = Type.Object({
  agents: Type.Array(
    Type.Object({
      name: Type.String({ pattern: AGENT_NAME_PATTERN }),
      agent_endpoint: Type.Optional(AgentEndpoint),
      agent_card: Type.Optional(AgentCard),
      versions: Type.Array(
        Type.Object({
          version: Type.String({ pattern: '^[A-Za-z0-9._-]{1,64}$' }),
          description: Type.Optional(Type.String()),
          created_at: Type.Optional(Type.Integer({ minimum: 0 })),
          metadata: Type.Optional(Type.Record(Type.String(), Type.String())),
          status: Type.Optional(Type.String()),
          definition: AgentVersion.properties.definition,
        }),
        { minItems: 1 },
      ),
    }),
  ),
});

/** Reads and checks a catalog file. */
export function loadCatalog(file: string): CatalogAgent[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`Cannot read the agent catalog ${file}: ${(err as Error).message}`);
  }
  try {
    assertValid(CatalogFile, parsed, 'catalog');
  } catch (err) {
    throw new Error(`The agent catalog ${file} is not valid: ${(err as Error).message}`);
  }
  return (parsed as { agents: CatalogAgent[] }).agents;
}
