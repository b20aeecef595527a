// Copies, then ends the way COWLENS_TEST_END says: exit 3, a SIGKILL, or never (a timer forever).
const base = { list: Array.from({ length: 100 }, (_, i) => i * 1.5) };
const copies = [];
for (let i = 0; i < 5; i++) copies.push({ ...base });
console.log('copied', copies.length);
const end = process.env.COWLENS_TEST_END;
if (end === 'exit') process.exit(3);
// Long enough for the runtime's periodic flush to send the figures before the end comes.
if (end === 'kill') setTimeout(() => process.kill(process.pid, 'SIGKILL'), 400);
if (end === 'hang') setInterval(() => {}, 1000);
