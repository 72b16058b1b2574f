import { describe, expect, it } from 'vitest';
import {
  AGENT_NAME_PATTERN,
  FOUNDRY_ENDPOINT_PATTERN,
  LOCAL_ENDPOINT_PATTERN,
  SESSION_ID_PATTERN,
} from '@contract';

const agentName = new RegExp(AGENT_NAME_PATTERN);

describe('agent names follow Foundry: letters, digits, hyphens, 1 to 63, alphanumeric at both ends', () => {
  it.each(['a', '7', 'notes-agent', 'Job-Agent-2', `a${'-'.repeat(61)}b`, 'x'.repeat(63)])(
    'accepts %s',
    (name) => expect(agentName.test(name)).toBe(true),
  );

  it.each(['', 'notes.agent', 'notes_agent', '-agent', 'agent-', 'a b', 'x'.repeat(64), 'ä'])(
    'refuses %j',
    (name) => expect(agentName.test(name)).toBe(false),
  );
});

describe('session ids', () => {
  it('are 8 to 128 letters, digits, hyphens or underscores', () => {
    const id = new RegExp(SESSION_ID_PATTERN);
    expect(id.test('ses_1234')).toBe(true);
    expect(id.test('x'.repeat(128))).toBe(true);
    expect(id.test('ses_123')).toBe(false);
    expect(id.test('x'.repeat(129))).toBe(false);
    expect(id.test('ses 12345')).toBe(false);
  });
});

describe('project endpoints', () => {
  it('capture the account and the project of a Foundry endpoint', () => {
    const m = new RegExp(FOUNDRY_ENDPOINT_PATTERN).exec(
      'https://contoso.services.ai.azure.com/api/projects/support.eu',
    );
    expect(m?.slice(1)).toEqual(['contoso', 'support.eu']);
  });

  it('capture the host, port and project of an endpoint on this machine', () => {
    const m = new RegExp(LOCAL_ENDPOINT_PATTERN).exec('https://127.0.0.1:8443/api/projects/local');
    expect(m?.slice(1)).toEqual(['127.0.0.1', ':8443', 'local']);
    expect(new RegExp(LOCAL_ENDPOINT_PATTERN).test('https://10.0.0.1/api/projects/local')).toBe(false);
  });
});
