import { describe, expect, it } from 'vitest';
import type { AgentCard, AgentEndpoint } from '@contract';
import { cardToDraft, draftToCard, validateCardDraft } from '../../src/web/features/agents/model/card-draft';
import {
  draftToEndpoint,
  endpointToDraft,
  validateEndpointDraft,
} from '../../src/web/features/agents/model/endpoint-draft';
import { cardFieldFor, endpointFieldFor, parseParam } from '../../src/web/features/agents/model/field-errors';
import { mergePatchFor } from '../../src/web/features/agents/model/merge-patch';

// Members Foundry may add (another protocol, a scheme setting) are allowed on the wire though the static
// type does not list them; the cast says so once.
const endpoint = {
  version_selector: {
    version_selection_rules: [
      { type: 'FixedRatio', agent_version: '1', traffic_percentage: 20 },
      { type: 'FixedRatio', agent_version: '2', traffic_percentage: 80 },
    ],
  },
  protocol_configuration: { responses: {}, invocations: {}, future_protocol: { setting: 1 } },
  authorization_schemes: [{ type: 'Entra', audience: 'x' }],
} as unknown as AgentEndpoint;

describe('mergePatchFor', () => {
  it('sends null for what the form removed, at any depth, and arrays whole', () => {
    const after = { version_selector: endpoint.version_selector, protocol_configuration: { responses: {} } };
    expect(mergePatchFor(endpoint, after)).toEqual({
      version_selector: endpoint.version_selector,
      protocol_configuration: { responses: {}, invocations: null, future_protocol: null },
      authorization_schemes: null,
    });
  });
});

describe('the endpoint draft', () => {
  it('round-trips, keeping protocols and scheme members it does not edit', () => {
    const draft = endpointToDraft(endpoint);
    expect(draft.protocols).toMatchObject({
      responses: true,
      invocations: true,
      mcp: false,
      future_protocol: true,
    });
    expect(draftToEndpoint(draft, endpoint)).toEqual(endpoint);
  });

  it('checks the total as people type', () => {
    const draft = endpointToDraft(endpoint);
    draft.rules[1]!.traffic = '70';
    const { errors, blocker } = validateEndpointDraft(draft);
    expect(errors.rules).toBe('Percentages must add up to 100, now 90.');
    expect(blocker).toBe('Percentages must add up to 100, now 90.');
    draft.rules[1]!.traffic = '80';
    expect(validateEndpointDraft(draft).blocker).toBeUndefined();
  });

  it('turns a switched-off protocol into a null in the patch', () => {
    const draft = endpointToDraft(endpoint);
    draft.protocols.invocations = false;
    const patch = mergePatchFor(endpoint, draftToEndpoint(draft, endpoint)) as Record<
      string,
      Record<string, unknown>
    >;
    expect(patch.protocol_configuration).toEqual({
      responses: {},
      invocations: null,
      future_protocol: { setting: 1 },
    });
  });
});

describe('the card draft', () => {
  const card: AgentCard = {
    version: '1.0',
    description: 'Card',
    skills: [{ id: 'a', name: 'A', tags: ['x', 'y'], examples: ['one, with a comma', 'two'] }],
  };

  it('round-trips, with tags by comma and examples by line', () => {
    const draft = cardToDraft(card);
    expect(draft.skills[0]).toMatchObject({ tags: 'x, y', examples: 'one, with a comma\ntwo' });
    expect(draftToCard(draft, card)).toEqual(card);
    draft.skills[0]!.tags = 'x,\nz , ';
    draft.description = '  ';
    expect(draftToCard(draft, card)).toEqual({
      version: '1.0',
      skills: [{ id: 'a', name: 'A', tags: ['x', 'z'], examples: ['one, with a comma', 'two'] }],
    });
  });

  it('wants an id, unique, and a name for every skill', () => {
    const draft = cardToDraft({ ...card, skills: [...card.skills, { id: 'a', name: '' }] });
    expect(validateCardDraft(draft).errors).toEqual({
      'skills.1.id': 'Skill 1 already has this id.',
      'skills.1.name': 'Enter a name.',
    });
  });
});

describe('server params to form fields', () => {
  it('parses the param form', () => {
    expect(parseParam('agent_card.skills[0].tags[2]')).toEqual(['agent_card', 'skills', 0, 'tags', 2]);
  });

  it('maps endpoint params', () => {
    const rules = 'agent_endpoint.version_selector.version_selection_rules';
    expect(endpointFieldFor(rules)).toBe('rules');
    expect(endpointFieldFor(`${rules}[1].agent_version`)).toBe('rules.1.version');
    expect(endpointFieldFor(`${rules}[0].traffic_percentage`)).toBe('rules.0.traffic');
    expect(endpointFieldFor('agent_endpoint.protocol_configuration.mcp')).toBe('protocols');
    expect(endpointFieldFor('agent_endpoint.authorization_schemes[2].type')).toBe('schemes.2.type');
    expect(endpointFieldFor('agent_card.version')).toBeUndefined();
    expect(endpointFieldFor(undefined)).toBeUndefined();
  });

  it('maps card params', () => {
    expect(cardFieldFor('agent_card.version')).toBe('version');
    expect(cardFieldFor('agent_card.skills[0].id')).toBe('skills.0.id');
    expect(cardFieldFor('agent_card.skills[3].tags[1]')).toBe('skills.3.tags');
    expect(cardFieldFor('agent_card.skills')).toBe('skills');
    expect(cardFieldFor('agent_card')).toBeUndefined();
  });
});
