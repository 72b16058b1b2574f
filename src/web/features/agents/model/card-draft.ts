import type { AgentCard, AgentSkill } from '@contract';
import { rowKey } from './endpoint-draft';
import type { FieldErrors } from './field-errors';

export interface SkillDraft {
  key: string;
  id: string;
  name: string;
  description: string;
  /** As typed: comma- or line-separated. */
  tags: string;
  /** As typed: one example per line. */
  examples: string;
  /** Members of the skill the form does not edit, kept as they were. */
  rest: Record<string, unknown>;
}

export interface CardDraft {
  version: string;
  description: string;
  skills: SkillDraft[];
}

export const NEW_CARD: AgentCard = { version: '1.0', skills: [] };

export function emptySkill(): SkillDraft {
  return { key: rowKey(), id: '', name: '', description: '', tags: '', examples: '', rest: {} };
}

export function cardToDraft(card: AgentCard): CardDraft {
  return {
    version: card.version,
    description: card.description ?? '',
    skills: card.skills.map(({ id, name, description, tags, examples, ...rest }) => ({
      key: rowKey(),
      id,
      name,
      description: description ?? '',
      tags: (tags ?? []).join(', '),
      examples: (examples ?? []).join('\n'),
      rest,
    })),
  };
}

export const splitTags = (text: string) =>
  text
    .split(/[,\n]/)
    .map((t) => t.trim())
    .filter(Boolean);

export const splitLines = (text: string) =>
  text
    .split('\n')
    .map((t) => t.trim())
    .filter(Boolean);

/** The card the draft describes; empty optional members are left out rather than sent empty. */
export function draftToCard(draft: CardDraft, original: AgentCard | undefined): AgentCard {
  const card: AgentCard = { ...original, version: draft.version.trim(), skills: [] };
  const description = draft.description.trim();
  if (description) card.description = description;
  else delete card.description;
  card.skills = draft.skills.map((s) => {
    const skill: AgentSkill = { ...s.rest, id: s.id.trim(), name: s.name.trim() };
    const skillDescription = s.description.trim();
    const tags = splitTags(s.tags);
    const examples = splitLines(s.examples);
    if (skillDescription) skill.description = skillDescription;
    if (tags.length) skill.tags = tags;
    if (examples.length) skill.examples = examples;
    return skill;
  });
  return card;
}

export interface CardValidation {
  errors: FieldErrors;
  blocker?: string;
}

export function validateCardDraft(draft: CardDraft): CardValidation {
  const errors: FieldErrors = {};
  if (!draft.version.trim()) errors.version = 'Enter the card version, e.g. 1.0.';
  const seen = new Map<string, number>();
  draft.skills.forEach((s, i) => {
    const id = s.id.trim();
    if (!id) errors[`skills.${i}.id`] = 'Enter an id.';
    else if (seen.has(id)) errors[`skills.${i}.id`] = `Skill ${(seen.get(id) ?? 0) + 1} already has this id.`;
    else seen.set(id, i);
    if (!s.name.trim()) errors[`skills.${i}.name`] = 'Enter a name.';
  });
  const firstSkill = Object.keys(errors)
    .map((k) => /^skills\.(\d+)\./.exec(k)?.[1])
    .find((i) => i !== undefined);
  const blocker = errors.version
    ? 'The card needs a version.'
    : firstSkill !== undefined
      ? `Skill ${Number(firstSkill) + 1} needs a unique id and a name.`
      : undefined;
  return { errors, ...(blocker && { blocker }) };
}
