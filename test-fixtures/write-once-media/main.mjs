// Write-once media: a disc image is frozen (a CD-R once finalized, a WORM archive), and each
// session that wants to change it gets a writable overlay: a copy of the frozen data, written
// only where the session writes. Copies of frozen data are not frozen; most sessions only read.

function burnDisc() {
  const tracks = [];
  for (let i = 0; i < 120; i++) tracks.push(Object.freeze({ number: i + 1, title: `Track ${i + 1}`, seconds: 150 + ((i * 37) % 120) }));
  const info = { label: 'Archive 2024', publisher: 'cowlens', finalized: true };
  for (let i = 0; i < 70; i++) info[`tag${i}`] = `value ${i}`;
  return Object.freeze({ tracks: Object.freeze(tracks), info: Object.freeze(info) });
}

const disc = burnDisc();

/** A session: a writable overlay of the track list and the disc info. */
function openSession() {
  return { tracks: disc.tracks.slice(), info: Object.assign({}, disc.info) };
}

const sessions = [];
for (let s = 0; s < 16; s++) sessions.push(openSession());

// Three sessions append a bonus track, two relabel their overlay; the rest only play.
for (const s of [2, 7, 11]) sessions[s].tracks.push({ number: 121, title: `Bonus ${s}`, seconds: 200 });
for (const s of [4, 7]) sessions[s].info.label = `Remix ${s}`;

function playtime(tracks) {
  let total = 0;
  for (const track of tracks) total += track.seconds;
  return total;
}

for (const s of [0, 2, 4, 7]) {
  const { tracks, info } = sessions[s];
  console.log(`session ${s}: ${info.label} tracks=${tracks.length} playtime=${playtime(tracks)} last=${tracks[tracks.length - 1].title} frozen=${Object.isFrozen(tracks)}/${Object.isFrozen(info)}`);
}
console.log(`disc: ${disc.info.label} tracks=${disc.tracks.length} playtime=${playtime(disc.tracks)} frozen=${Object.isFrozen(disc.tracks)}`);
