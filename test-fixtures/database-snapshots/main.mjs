// Database snapshots: an editor keeps an undo history of its document, one snapshot before every
// edit, while the document itself keeps changing. A snapshot is never written; each edit writes
// one row of the live document, so copy-on-write duplicates one row and its path per edit and
// shares the rest. Undo must bring back exactly the document as it was.

function newDocument() {
  const rows = [];
  for (let i = 0; i < 400; i++) rows.push({ id: i, text: `line ${i}`, marks: [] });
  return { title: 'notes', version: 0, rows };
}

function checksum(doc) {
  let sum = 0;
  for (const row of doc.rows) for (let i = 0; i < row.text.length; i += 1) sum = (sum * 31 + row.text.charCodeAt(i)) % 1000003;
  return sum;
}

let doc = newDocument();
const undo = [];
const autosaves = [];

/** One edit: the history keeps the document as it was, then one row changes. */
function edit(n) {
  undo.push(structuredClone(doc));
  if (n % 4 === 0) autosaves.push(JSON.parse(JSON.stringify(doc)));
  const row = doc.rows[(n * 53) % doc.rows.length];
  row.text = `${row.text} +${n}`;
  row.marks.push(n);
  doc.version += 1;
}

for (let n = 0; n < 12; n++) edit(n);
console.log(`after 12 edits: version=${doc.version} checksum=${checksum(doc)}`);
for (let k = 0; k < 3; k++) {
  doc = undo.pop();
  console.log(`undo -> version=${doc.version} checksum=${checksum(doc)}`);
}
console.log(`history left=${undo.length} row0=${doc.rows[0].text} row53=${doc.rows[53].text}`);
const oldest = autosaves[0];
console.log(`oldest autosave: version=${oldest.version} row53=${oldest.rows[53].text} marks=${oldest.rows[53].marks.length}`);
