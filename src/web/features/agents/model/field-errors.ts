/** `agent_card.skills[0].tags[2]` -> ['agent_card', 'skills', 0, 'tags', 2]: the form a server `param` takes. */
export function parseParam(param: string): (string | number)[] {
  const parts: (string | number)[] = [];
  for (const match of param.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    if (match[2] !== undefined) parts.push(Number(match[2]));
    else if (match[1] !== undefined) parts.push(match[1]);
  }
  return parts;
}

/** Errors by form field id (`rules.0.traffic`, `skills.1.name`); the form shows each next to its field. */
export type FieldErrors = Record<string, string>;

/** DOM id of a field, so a server error can move focus to the field it names. */
export const fieldDomId = (formId: string, field: string) => `${formId}-${field.replace(/\./g, '-')}`;

/** The endpoint-form field a server `param` names, or undefined when it names none of them. */
export function endpointFieldFor(param: string | undefined): string | undefined {
  if (!param) return undefined;
  const [root, section, ...rest] = parseParam(param);
  if (root !== 'agent_endpoint') return undefined;
  if (section === 'version_selector') {
    // rest = ['version_selection_rules', i, member]
    const [, index, member] = rest;
    if (typeof index !== 'number') return 'rules';
    if (member === 'traffic_percentage') return `rules.${index}.traffic`;
    return `rules.${index}.version`;
  }
  if (section === 'protocol_configuration') return 'protocols';
  if (section === 'authorization_schemes') {
    const [index] = rest;
    return typeof index === 'number' ? `schemes.${index}.type` : 'schemes';
  }
  return undefined;
}

const SKILL_MEMBERS = ['id', 'name', 'description', 'tags', 'examples'];

/** The card-form field a server `param` names, or undefined when it names none of them. */
export function cardFieldFor(param: string | undefined): string | undefined {
  if (!param) return undefined;
  const [root, section, index, member] = parseParam(param);
  if (root !== 'agent_card') return undefined;
  if (section === 'version' || section === 'description') return section;
  if (section === 'skills') {
    if (typeof index !== 'number') return 'skills';
    return typeof member === 'string' && SKILL_MEMBERS.includes(member)
      ? `skills.${index}.${member}`
      : `skills.${index}.id`;
  }
  return undefined;
}
