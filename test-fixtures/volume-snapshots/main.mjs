// Volume snapshots: a block store of 20,000 records is snapshotted every period and all snapshots
// are kept (a retention policy), while only a handful of records change between periods, as ZFS
// or LVM snapshot a volume. Copy-on-write keeps one copy of each unchanged record for all of
// them; eager copies keep thirteen.
//
// When COWLENS_FIXTURE_HEAP_FILE is set (by the fixture's heap test, which runs node with
// --expose-gc), the program also measures its heap after full collections, once before the first
// snapshot and once at the end with every snapshot still alive, and writes both to that file. Its
// standard output never depends on it.
import { writeFileSync } from 'node:fs';

const RECORDS = 20000;
const PERIODS = 12;

function newStore() {
  const records = [];
  for (let i = 0; i < RECORDS; i++) records.push({ block: i, owner: `user${i % 97}`, checksum: (i * 2654435761) % 4294967296, generation: 0 });
  return { volume: 'tank/data', generation: 0, records };
}

/** The records a period rewrites. */
function blocksWritten(period) {
  return [0, 1, 2, 3, 4].map((k) => (period * 7919 + k * 104729) % RECORDS);
}

/** A period of activity: a few records rewritten. */
function writePeriod(store, period) {
  for (const block of blocksWritten(period)) {
    const record = store.records[block];
    record.checksum = (record.checksum * 31 + period) % 4294967296;
    record.generation = period;
  }
  store.generation = period;
}

/** Reads a few records of a snapshot, as a restore of some files does: every 997th and every rewritten one. */
const SAMPLED = [];
for (let i = 0; i < RECORDS; i += 997) SAMPLED.push(i);
for (let period = 1; period <= PERIODS; period++) SAMPLED.push(...blocksWritten(period));

function sample(snapshot) {
  let sum = 0;
  for (const i of SAMPLED) sum = (sum * 7 + snapshot.records[i].checksum + snapshot.records[i].generation) % 1000000007;
  return sum;
}

const heapFile = process.env.COWLENS_FIXTURE_HEAP_FILE;

/** Heap in use after full collections; only called when the heap test asked for the figures. */
function heapUsed() {
  for (let i = 0; i < 4; i++) globalThis.gc();
  return process.memoryUsage().heapUsed;
}

const store = newStore();
const heapBeforeSnapshots = heapFile ? heapUsed() : 0;
const snapshots = [];
for (let period = 1; period <= PERIODS; period++) {
  snapshots.push(structuredClone(store));
  writePeriod(store, period);
}
snapshots.push(structuredClone(store));

for (const [i, snapshot] of snapshots.entries()) if (i % 4 === 0 || i === PERIODS) console.log(`snapshot ${i}: generation=${snapshot.generation} sample=${sample(snapshot)}`);
const changed = store.records[(5 * 7919) % RECORDS];
console.log(`record ${changed.block}: live generation=${changed.generation} in snapshot 4: ${snapshots[4].records[changed.block].generation} in snapshot 5: ${snapshots[5].records[changed.block].generation}`);

if (heapFile) writeFileSync(heapFile, JSON.stringify({ heapBeforeSnapshots, heapUsed: heapUsed(), snapshots: snapshots.length }));
