// Zero pages: an allocator hands out copies of one zero-filled page, and most of them are never
// written. The operating system maps every such page to the one shared zero page and copies it
// only on the first write; here the pages are arrays copied three ways.

const PAGE_WORDS = 4096;
const ZERO_PAGE = new Array(PAGE_WORDS).fill(0);

/** Sums a page and counts its non-zero words: reads every word, writes none. */
function inspectPage(page) {
  let sum = 0;
  let dirty = 0;
  for (const word of page) {
    sum += word;
    if (word !== 0) dirty++;
  }
  return { sum, dirty };
}

function summary(label, pages) {
  let sum = 0;
  let dirtyPages = 0;
  for (const page of pages) {
    const s = inspectPage(page);
    sum += s.sum;
    if (s.dirty > 0) dirtyPages++;
  }
  return `${label}: pages=${pages.length} dirty=${dirtyPages} sum=${sum}`;
}

const heap = [];
for (let i = 0; i < 48; i++) heap.push(ZERO_PAGE.slice());
const stack = [];
for (let i = 0; i < 24; i++) stack.push([...ZERO_PAGE]);
const bss = [];
for (let i = 0; i < 24; i++) bss.push(Array.from(ZERO_PAGE));

// The rare writes: two heap pages and one stack page are dirtied; no bss page is.
heap[5][100] = 7;
heap[40][4095] = 11;
stack[3][0] = 13;

console.log(summary('heap', heap));
console.log(summary('stack', stack));
console.log(summary('bss', bss));
console.log(`zero page still zero: ${inspectPage(ZERO_PAGE).dirty === 0}`);
