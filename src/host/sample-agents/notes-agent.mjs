// Answers in words and keeps a note per request in HOME/notes, with an index it updates.
import fs from 'node:fs';
import path from 'node:path';
import { log, readJson, sendJson, serve } from './serve.mjs';

const home = process.env.HOME ?? process.cwd();
const notesDir = path.join(home, 'notes');
const indexFile = path.join(notesDir, 'index.json');
const style = process.env.NOTES_STYLE ?? 'plain';

function readIndex() {
  try {
    return JSON.parse(fs.readFileSync(indexFile, 'utf8'));
  } catch {
    return { notes: [] };
  }
}

function keepNote(text) {
  fs.mkdirSync(notesDir, { recursive: true });
  const index = readIndex();
  const n = index.notes.length + 1;
  const file = `note-${String(n).padStart(4, '0')}.md`;
  fs.writeFileSync(path.join(notesDir, file), `# Note ${n}\n\n${text}\n`);
  index.notes.push({ file, at: new Date().toISOString(), chars: text.length });
  fs.writeFileSync(indexFile, JSON.stringify(index, null, 2));
  log(`wrote notes/${file}; index has ${index.notes.length} notes`);
  return { file, count: index.notes.length };
}

function answer(message) {
  const text = String(message ?? '').trim();
  log(`received a message of ${text.length} characters`);
  const { file, count } = keepNote(text || '(empty message)');
  const reply =
    style === 'brief'
      ? `Noted (${count}).`
      : `I kept your message as notes/${file}. This session now holds ${count} note${count === 1 ? '' : 's'}.`;
  log(`answered: ${reply}`);
  return reply;
}

serve('notes-agent', {
  'POST /invocations': async (req, res) => {
    const body = await readJson(req);
    sendJson(res, 200, { reply: answer(body.message ?? body.input) });
  },
  'POST /responses': async (req, res) => {
    const body = await readJson(req);
    const input = typeof body.input === 'string' ? body.input : JSON.stringify(body.input ?? '');
    const text = answer(input);
    sendJson(res, 200, {
      object: 'response',
      id: `resp_${Date.now().toString(36)}`,
      status: 'completed',
      output: [{ type: 'message', role: 'assistant', content: [{ type: 'output_text', text }] }],
      output_text: text,
    });
  },
});
