// Copies for a second, so a live progress line has time to show.
const base = { list: Array.from({ length: 200 }, (_, i) => i * 1.5) };
const kept = [];
const until = Date.now() + 1200;
const timer = setInterval(() => {
  kept.push({ ...base });
  if (Date.now() > until) {
    clearInterval(timer);
    console.log(kept.length > 0 ? 'copies made' : 'no copies');
  }
}, 20);
