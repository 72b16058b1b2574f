// @vitest-environment jsdom
import { QueryClient, QueryClientProvider, useMutation, useQuery } from '@tanstack/react-query';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AgentEndpoint } from '@contract';
import { agentMutations } from '../../src/web/features/agents/api/agent-mutations';
import { agentQueries } from '../../src/web/lib/agent-queries';
import { ApiError } from '../../src/web/lib/api-client';
import { saveSettings } from '../../src/web/lib/settings';
import { webHost } from '../helpers/web-host';

// Agents alpha to epsilon of the web host's catalog are this file's alone: it changes them.
const host = webHost();
let queryClient: QueryClient;

beforeEach(() => {
  saveSettings({ endpoint: host.endpoint, apiVersion: 'v1', isolationKey: '' });
  queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false }, mutations: { retry: false } },
  });
});
afterEach(() => {
  cleanup();
  queryClient.clear();
});

function wrapper({ children }: { children: ReactNode }) {
  return <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
}

/** What a 400 from the server looks like when it comes back through the query layer. */
async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  const outcome = await promise.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(outcome).toBeInstanceOf(ApiError);
  return outcome as ApiError;
}

describe('agentQueries', () => {
  it('lists every agent for a component', async () => {
    function AgentNames() {
      const agents = useQuery(agentQueries.list());
      if (agents.isPending) return <p>Loading</p>;
      if (agents.isError) return <p>Failed: {agents.error.message}</p>;
      return (
        <ul>
          {agents.data.map((a) => (
            <li key={a.id}>{`${a.name} (${a.state}, latest ${a.versions.latest.version})`}</li>
          ))}
        </ul>
      );
    }
    render(<AgentNames />, { wrapper });
    expect(screen.getByText('Loading')).toBeTruthy();
    expect(await screen.findByText('alpha (enabled, latest 3)')).toBeTruthy();
    expect(screen.getAllByRole('listitem').map((li) => li.textContent?.split(' ')[0])).toEqual(
      expect.arrayContaining(['alpha', 'beta', 'gamma', 'delta', 'epsilon']),
    );
  });

  it('reads one agent and its versions', async () => {
    const agent = await queryClient.fetchQuery(agentQueries.detail('alpha'));
    expect(agent.name).toBe('alpha');
    expect(agent.agent_card?.skills[0]?.id).toBe('echo');
    expect(agent.agent_endpoint?.version_selector?.version_selection_rules).toHaveLength(2);

    const versions = await queryClient.fetchQuery(agentQueries.versions('alpha'));
    // Newest first, as the host orders them by default.
    expect(versions.map((v) => v.version)).toEqual(['3', '2', '1']);
    expect(versions[1]?.definition).toMatchObject({ kind: 'hosted', cpu: '1', memory: '2Gi' });
  });

  it('keys go from general to specific, so one invalidation reaches every agent view', () => {
    expect(agentQueries.list().queryKey.slice(0, 1)).toEqual(agentQueries.all());
    expect(agentQueries.detail('alpha').queryKey.slice(0, 2)).toEqual(agentQueries.details());
    expect(agentQueries.versions('alpha').queryKey.slice(0, 3)).toEqual(
      agentQueries.detail('alpha').queryKey,
    );
  });

  it('turns an unknown agent into a 404 ApiError', async () => {
    const error = await rejection(queryClient.fetchQuery(agentQueries.detail('no-such-agent')));
    expect(error.status).toBe(404);
    expect(error.code).toBe('not_found');
  });
});

describe('agentMutations', () => {
  it('patches the endpoint with a merge patch, then refetches what shows it', async () => {
    const before = await queryClient.fetchQuery(agentQueries.detail('alpha'));
    const original = before.agent_endpoint as AgentEndpoint;

    function Traffic() {
      const agent = useQuery(agentQueries.detail('alpha'));
      const patch = useMutation(agentMutations.patch());
      const rules = agent.data?.agent_endpoint?.version_selector?.version_selection_rules ?? [];
      return (
        <>
          <p>Split: {rules.map((r) => `${r.agent_version}=${r.traffic_percentage}`).join(' ')}</p>
          <p>Protocols: {Object.keys(agent.data?.agent_endpoint?.protocol_configuration ?? {}).join(' ')}</p>
          <button
            onClick={() =>
              patch.mutate({
                agentName: 'alpha',
                patch: {
                  agent_endpoint: {
                    version_selector: {
                      version_selection_rules: [
                        { type: 'FixedRatio', agent_version: '2', traffic_percentage: 70 },
                        { type: 'FixedRatio', agent_version: '3', traffic_percentage: 30 },
                      ],
                    },
                    // null removes a protocol: a merge patch would otherwise keep it.
                    protocol_configuration: { invocations: null },
                  },
                },
              })
            }
          >
            Save
          </button>
          {patch.isSuccess ? (
            <p>
              Saved as {patch.data.agent_endpoint?.version_selector?.version_selection_rules.length} rules
            </p>
          ) : null}
        </>
      );
    }
    render(<Traffic />, { wrapper });
    expect(await screen.findByText('Split: 1=40 2=60')).toBeTruthy();
    expect(screen.getByText('Protocols: responses invocations')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Saved as 2 rules')).toBeTruthy();
    // Not hand-edited into the cache: the detail query fetched it again after the invalidation.
    expect(await screen.findByText('Split: 2=70 3=30')).toBeTruthy();
    expect(screen.getByText('Protocols: responses')).toBeTruthy();

    const stored = await queryClient.fetchQuery({ ...agentQueries.detail('alpha'), staleTime: 0 });
    expect(stored.agent_endpoint?.authorization_schemes).toEqual([{ type: 'Entra' }]);

    // Put alpha back as it was, for the tests that follow.
    await queryClient
      .getMutationCache()
      .build(queryClient, agentMutations.patch())
      .execute({ agentName: 'alpha', patch: { agent_endpoint: original } });
    const restored = await queryClient.fetchQuery({ ...agentQueries.detail('alpha'), staleTime: 0 });
    expect(restored.agent_endpoint).toEqual(original);
  });

  it('patches the agent card: the skills array is replaced whole', async () => {
    const patch = queryClient.getMutationCache().build(queryClient, agentMutations.patch());
    const saved = await patch.execute({
      agentName: 'beta',
      patch: {
        agent_card: {
          version: '2.0',
          skills: [{ id: 'sum', name: 'Sum', tags: ['math'], examples: ['1 + 2'] }],
        },
      },
    });
    expect(saved.agent_card).toEqual({
      version: '2.0',
      skills: [{ id: 'sum', name: 'Sum', tags: ['math'], examples: ['1 + 2'] }],
    });
    const removed = await queryClient
      .getMutationCache()
      .build(queryClient, agentMutations.patch())
      .execute({ agentName: 'beta', patch: { agent_card: null } });
    expect(removed.agent_card).toBeUndefined();
  });

  it('brings a 400 back as an ApiError with status, code, message, request id and param', async () => {
    const patch = () => queryClient.getMutationCache().build(queryClient, agentMutations.patch());
    const traffic = await rejection(
      patch().execute({
        agentName: 'alpha',
        patch: {
          agent_endpoint: {
            version_selector: {
              version_selection_rules: [
                { type: 'FixedRatio', agent_version: '1', traffic_percentage: 40 },
                { type: 'FixedRatio', agent_version: '2', traffic_percentage: 50 },
              ],
            },
          },
        },
      }),
    );
    expect(traffic.status).toBe(400);
    expect(traffic.code).toBe('invalid_request');
    expect(traffic.message).toMatch(/add up to 100.*90/);
    expect(traffic.requestId).toBeTruthy();
    expect(traffic.param).toBe('agent_endpoint.version_selector.version_selection_rules');

    const skill = await rejection(
      patch().execute({
        agentName: 'alpha',
        patch: { agent_card: { skills: [{ id: '', name: 'Nameless' }] } },
      }),
    );
    expect(skill.status).toBe(400);
    expect(skill.param).toBe('agent_card.skills[0].id');

    // Nothing was stored by either refused patch.
    const agent = await queryClient.fetchQuery({ ...agentQueries.detail('alpha'), staleTime: 0 });
    expect(agent.agent_card?.skills[0]?.id).toBe('echo');
    expect(agent.agent_endpoint?.version_selector?.version_selection_rules[1]?.traffic_percentage).toBe(60);
  });

  it('disables and enables an agent, and the detail follows', async () => {
    function State() {
      const agent = useQuery(agentQueries.detail('gamma'));
      const setState = useMutation(agentMutations.setState());
      return (
        <>
          <p>State: {agent.data?.state ?? '…'}</p>
          <button onClick={() => setState.mutate({ agentName: 'gamma', state: 'disabled' })}>Disable</button>
          <button onClick={() => setState.mutate({ agentName: 'gamma', state: 'enabled' })}>Enable</button>
        </>
      );
    }
    render(<State />, { wrapper });
    expect(await screen.findByText('State: enabled')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Disable' }));
    expect(await screen.findByText('State: disabled')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Enable' }));
    await waitFor(() => expect(screen.getByText('State: enabled')).toBeTruthy());
  });
});
