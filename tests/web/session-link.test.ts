import { describe, expect, it } from 'vitest';
import { paths, routePatterns } from '../../src/web/app/paths';
import { parseSessionLink } from '../../src/web/lib/session-link';

const AGENT = 'notes-agent';
const ID = 'ses_abc12345';

// Every route of the console that names a session, from the route table itself: a session page
// added later is checked here without anyone remembering to add it.
const sessionRoutes = Object.entries(paths).flatMap(([name, route]) =>
  route.path.includes(':sessionId')
    ? [{ name, href: (route.getHref as (agent: string, sessionId: string) => string)(AGENT, ID) }]
    : [],
);

const parse = (raw: string, currentAgent?: string) => parseSessionLink(raw, routePatterns, currentAgent);

describe('a pasted console link', () => {
  it('covers more than the overview, so the table really is iterated', () => {
    expect(sessionRoutes.map((r) => r.name)).toEqual(
      expect.arrayContaining([
        'session',
        'sessionFiles',
        'sessionLogs',
        'sessionPlayground',
        'sessionLogsFull',
      ]),
    );
  });

  for (const { name, href } of sessionRoutes) {
    it(`opens ${name} (${href}), from any host, with its query and hash`, () => {
      expect(parse(href)).toEqual({ agent: AGENT, sessionId: ID, href });
      expect(parse(`https://console.example.test:8443${href}?q=x#L3`)).toEqual({
        agent: AGENT,
        sessionId: ID,
        href: `${href}?q=x#L3`,
      });
      expect(parse(`  http://127.0.0.1:4280${href}/  `, 'job-agent')).toMatchObject({
        agent: AGENT,
        sessionId: ID,
      });
    });
  }

  it('decodes the segments of the link', () => {
    expect(parse(`/agents/${AGENT}/sessions/ses%5Fabc12345/files`)).toMatchObject({ sessionId: ID });
  });

  it('refuses a link to a page that is not a session', () => {
    for (const link of [
      'https://console.example.test/agents/notes-agent',
      '/agents/notes-agent/sessions',
      '/logs/compare?s=notes-agent/ses_abc12345',
      '/agents/notes-agent/sessions/ses_abc12345/nowhere',
      '/agents/notes-agent/sessions/%E0%A4%A/logs',
    ]) {
      expect(parse(link)).toEqual({ problem: expect.stringMatching(/does not point to a session/) });
    }
  });

  it('refuses a session link whose agent or id is not valid', () => {
    expect(parse('/agents/notes.agent/sessions/ses_abc12345')).toEqual({
      problem: expect.stringMatching(/not an agent name/),
    });
    expect(parse('/agents/notes-agent/sessions/short')).toEqual({
      problem: expect.stringMatching(/not a session id/),
    });
  });
});

describe('typed references', () => {
  it('reads agent/id and agent id, with any spacing', () => {
    for (const typed of [`${AGENT}/${ID}`, `${AGENT} ${ID}`, ` ${AGENT} / ${ID} `, `${AGENT}\t${ID}`]) {
      expect(parse(typed)).toEqual({ agent: AGENT, sessionId: ID });
    }
  });

  it('reads a bare id as a session of the agent in view, and asks for the agent otherwise', () => {
    expect(parse(ID, AGENT)).toEqual({ agent: AGENT, sessionId: ID });
    expect(parse(ID)).toEqual({ problem: `Add the agent’s name: agent/${ID}.` });
    expect(parse(ID, '')).toEqual({ problem: `Add the agent’s name: agent/${ID}.` });
  });

  it('holds agent names to Foundry’s rule', () => {
    expect(parse(`${'a'.repeat(63)}/${ID}`)).toMatchObject({ agent: 'a'.repeat(63) });
    for (const agent of ['notes.agent', 'notes_agent', 'a'.repeat(64), '-agent']) {
      expect(parse(`${agent}/${ID}`)).toEqual({ problem: expect.stringMatching(/not an agent name/) });
    }
  });

  it('says what is wrong with anything else', () => {
    expect(parse('   ')).toEqual({ problem: expect.stringMatching(/^Type agent\/session-id/) });
    expect(parse('', AGENT)).toEqual({ problem: expect.stringMatching(/^Type a session id/) });
    expect(parse('not a session reference at all')).toEqual({
      problem: expect.stringMatching(/Expected an agent and a session id/),
    });
    expect(parse(`${AGENT}/short`)).toEqual({ problem: expect.stringMatching(/not a session id/) });
    expect(parse('https://exa mple.test/agents/a/sessions/ses_abc12345')).toEqual({
      problem: 'That link cannot be read as a URL.',
    });
  });
});
