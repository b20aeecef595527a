// The editor tour: the program the README and the end-to-end test open in VS Code. A document
// editor keeps an undo history: every tick it snapshots the whole document, then the user edits
// one paragraph. Ticks are paced (TOUR_TICK_MS, 100 ms by default) so the figures visibly grow
// inline while it runs; the pacing never changes what it prints.

interface Paragraph {
  readonly id: number;
  text: string;
  revision: number;
}

interface Doc {
  title: string;
  paragraphs: Paragraph[];
}

interface Settings {
  theme: string;
  fontSize: number;
  wordWrap: boolean;
}

const TICKS = 25;
const PARAGRAPHS = 2000;
const tickMs = Number(process.env.TOUR_TICK_MS ?? 100);
const defaults: Settings = { theme: 'light', fontSize: 14, wordWrap: true };

function newDoc(): Doc {
  const paragraphs: Paragraph[] = [];
  for (let id = 0; id < PARAGRAPHS; id++) paragraphs.push({ id, text: `Paragraph ${id} of the tour.`, revision: 0 });
  return { title: 'Copy-on-write, a tour', paragraphs };
}

/** An autosave backup, kept and only ever read: a deep copy the old-fashioned way. */
function backup(doc: Doc): Doc {
  return JSON.parse(JSON.stringify(doc)) as Doc;
}

/** Settings for one render: most renders use the defaults as they are, every fifth goes dark. */
function renderSettings(tick: number): Settings {
  const settings = { ...defaults };
  if (tick % 5 === 0) settings.theme = 'dark';
  return settings;
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const doc = newDoc();
const history: Doc[] = [];
const backups: Doc[] = [];
let dark = 0;
for (let tick = 1; tick <= TICKS; tick++) {
  history.push(structuredClone(doc));
  const at = (tick * 397) % PARAGRAPHS;
  doc.paragraphs[at] = { ...doc.paragraphs[at]!, text: `Paragraph ${at}, edited at tick ${tick}.`, revision: tick };
  if (tick % 5 === 0) backups.push(backup(doc));
  if (renderSettings(tick).theme === 'dark') dark++;
  await pause(tickMs);
}

const undone = history[history.length - 1]!;
console.log(`${history.length} snapshots, ${backups.length} backups, ${dark} dark renders`);
console.log(`the first backup has "${backups[0]!.paragraphs[(5 * 397) % PARAGRAPHS]!.text}"`);
console.log(`undo restores "${undone.paragraphs[(TICKS * 397) % PARAGRAPHS]!.text}"`);
export {};
