import { IdCard, Plus, Trash2 } from 'lucide-react';
import { useState, type FormEvent, type ReactNode } from 'react';
import type { Agent } from '@contract';
import { Badge } from '../../../components/ui/badge';
import { Button } from '../../../components/ui/button';
import { Field, FieldError } from '../../../components/ui/field';
import { Input, Textarea } from '../../../components/ui/input';
import {
  cardToDraft,
  draftToCard,
  emptySkill,
  NEW_CARD,
  splitLines,
  splitTags,
  validateCardDraft,
  type SkillDraft,
} from '../model/card-draft';
import { cardFieldFor } from '../model/field-errors';
import { focusLater, useAgentPartForm } from '../model/use-agent-part-form';
import { FormFooter } from './form-footer';

/**
 * The agent card: what the agent advertises to other agents and people (A2A). Sent as a merge patch of
 * the whole card, its skills array whole since a merge patch replaces arrays; the form then shows what
 * the server stored.
 */
export function AgentCardForm({ agent }: { agent: Agent }) {
  const form = useAgentPartForm(agent, 'agent_card', {
    toDraft: (card) => cardToDraft(card ?? NEW_CARD),
    fromDraft: draftToCard,
    validate: validateCardDraft,
    fieldFor: cardFieldFor,
    focusFor: (field) => (field === 'skills' ? 'skills.add' : field),
  });
  const { draft, domId, errorFor, touch, change } = form;
  const [creating, setCreating] = useState(false);

  const changeSkill = (index: number, member: keyof Omit<SkillDraft, 'key' | 'rest'>, value: string) =>
    change((d) => ({ ...d, skills: d.skills.map((s, j) => (j === index ? { ...s, [member]: value } : s)) }));

  if (!agent.agent_card && !creating) {
    return (
      <div className="flex flex-col items-start gap-3 rounded-md border border-dashed px-4 py-6 text-sm sm:flex-row sm:items-center">
        <IdCard aria-hidden="true" className="size-5 shrink-0 text-muted-foreground" />
        <p className="flex-1 text-muted-foreground">
          This agent has no card. A card tells other agents and people what the agent can do.
        </p>
        <Button
          variant="secondary"
          size="sm"
          onClick={() => {
            setCreating(true);
            // A new card is a change to save even before anything is typed into it.
            form.update((d) => d);
            focusLater(domId('version'));
          }}
        >
          <Plus aria-hidden="true" />
          Create a card
        </Button>
      </div>
    );
  }

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    form.submit(() => setCreating(false));
  };

  const addSkill = () => {
    change((d) => ({ ...d, skills: [...d.skills, emptySkill()] }));
    focusLater(domId(`skills.${draft.skills.length}.id`));
  };

  const removeSkill = (index: number) => {
    change((d) => ({ ...d, skills: d.skills.filter((_, j) => j !== index) }));
    // Focus would otherwise fall to the page; the next skill, or Add skill, is where the person was.
    const nextIndex = index < draft.skills.length - 1 ? index : index - 1;
    focusLater(nextIndex >= 0 ? domId(`skills.${nextIndex}.remove`) : domId('skills.add'));
  };

  return (
    <form noValidate onSubmit={onSubmit} aria-label="Agent card" className="space-y-8">
      <div className="grid gap-5 sm:grid-cols-[10rem_minmax(0,1fr)]">
        <Field id={domId('version')} label="Card version" error={errorFor('version')}>
          {(control) => (
            <Input
              {...control}
              value={draft.version}
              onBlur={() => touch('version')}
              onChange={(e) => change((d) => ({ ...d, version: e.target.value }))}
              className="font-mono"
            />
          )}
        </Field>
        <Field id={domId('description')} label="Card description" error={errorFor('description')}>
          {(control) => (
            <Textarea
              {...control}
              rows={2}
              value={draft.description}
              onBlur={() => touch('description')}
              onChange={(e) => change((d) => ({ ...d, description: e.target.value }))}
            />
          )}
        </Field>
      </div>

      <fieldset className="space-y-3">
        <legend className="text-sm font-semibold">
          Skills <span className="font-normal text-muted-foreground">({draft.skills.length})</span>
        </legend>
        {errorFor('skills') ? <FieldError>{errorFor('skills')}</FieldError> : null}
        {draft.skills.length === 0 ? (
          <p className="text-sm text-muted-foreground italic">No skills yet.</p>
        ) : (
          <ol className="space-y-4">
            {draft.skills.map((skill, i) => (
              <SkillEditor
                key={skill.key}
                index={i}
                skill={skill}
                domId={domId}
                errorFor={errorFor}
                touch={touch}
                onChange={(member, value) => changeSkill(i, member, value)}
                onRemove={() => removeSkill(i)}
              />
            ))}
          </ol>
        )}
        <Button id={domId('skills.add')} variant="secondary" size="sm" onClick={addSkill}>
          <Plus aria-hidden="true" />
          Add skill
        </Button>
      </fieldset>

      <FormFooter
        saveLabel="Save agent card"
        {...form.footer}
        onDiscard={() => {
          form.discard();
          setCreating(false);
        }}
      />
    </form>
  );
}

interface SkillEditorProps {
  index: number;
  skill: SkillDraft;
  domId: (field: string) => string;
  errorFor: (field: string) => string | undefined;
  touch: (field: string) => void;
  onChange: (member: keyof Omit<SkillDraft, 'key' | 'rest'>, value: string) => void;
  onRemove: () => void;
}

function SkillEditor({ index, skill, domId, errorFor, touch, onChange, onRemove }: SkillEditorProps) {
  const n = index + 1;
  const f = (member: string) => `skills.${index}.${member}`;
  // Every label names its skill for screen readers ("Skill 2 name"); sighted people see the card around it.
  const label = (text: string): ReactNode => (
    <>
      <span className="sr-only">Skill {n} </span>
      {text}
    </>
  );
  const tags = splitTags(skill.tags);
  const examples = splitLines(skill.examples);
  return (
    <li className="rounded-lg border bg-background/60 p-4">
      <div className="mb-4 flex items-center justify-between gap-3">
        <h3 className="min-w-0 truncate text-sm font-semibold">
          <span className="text-muted-foreground">Skill {n}</span>
          {skill.name.trim() ? <span> · {skill.name.trim()}</span> : null}
        </h3>
        <Button
          id={domId(f('remove'))}
          variant="ghost"
          size="sm"
          onClick={onRemove}
          aria-label={`Remove skill ${n}`}
          className="text-muted-foreground hover:text-destructive"
        >
          <Trash2 aria-hidden="true" />
          <span aria-hidden="true">Remove</span>
        </Button>
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id={domId(f('id'))} label={label('ID')} error={errorFor(f('id'))}>
          {(control) => (
            <Input
              {...control}
              value={skill.id}
              spellCheck={false}
              onBlur={() => touch(f('id'))}
              onChange={(e) => onChange('id', e.target.value)}
              className="font-mono"
            />
          )}
        </Field>
        <Field id={domId(f('name'))} label={label('Name')} error={errorFor(f('name'))}>
          {(control) => (
            <Input
              {...control}
              value={skill.name}
              onBlur={() => touch(f('name'))}
              onChange={(e) => onChange('name', e.target.value)}
            />
          )}
        </Field>
        <Field
          id={domId(f('description'))}
          label={label('Description')}
          error={errorFor(f('description'))}
          className="sm:col-span-2"
        >
          {(control) => (
            <Textarea
              {...control}
              rows={2}
              value={skill.description}
              onChange={(e) => onChange('description', e.target.value)}
            />
          )}
        </Field>
        <div className="space-y-2">
          <Field
            id={domId(f('tags'))}
            label={label('Tags')}
            hint="Separate with commas."
            error={errorFor(f('tags'))}
          >
            {(control) => (
              <Input {...control} value={skill.tags} onChange={(e) => onChange('tags', e.target.value)} />
            )}
          </Field>
          {tags.length > 0 ? (
            <ul aria-label={`Tags of skill ${n}`} className="flex flex-wrap gap-1">
              {tags.map((t, j) => (
                <li key={`${t}-${j}`}>
                  <Badge>{t}</Badge>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
        <Field
          id={domId(f('examples'))}
          label={label('Examples')}
          hint={`One per line${examples.length ? `: ${examples.length} ${examples.length === 1 ? 'example' : 'examples'}` : ''}.`}
          error={errorFor(f('examples'))}
        >
          {(control) => (
            <Textarea
              {...control}
              rows={3}
              value={skill.examples}
              onChange={(e) => onChange('examples', e.target.value)}
            />
          )}
        </Field>
      </div>
    </li>
  );
}
