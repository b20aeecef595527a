/**
 * Issue 11 (the hostile run's repros 13 and 16), in real processes: cowlens's work at a process's
 * exit and the threads it starts add no listener a program can see, on `process` or on its stdout
 * and stderr. A program with ten 'exit' listeners of its own, or ten streams piped into stdout,
 * gets no MaxListenersExceededWarning, and counts the listeners it added; nor does it list the
 * crash monitor among its events. The transform worker is
 * started in every run (no transform cache), as on a program's first run.
 */
import { describeSameAsPlain } from './same-as-plain.js';

const EXIT_LISTENERS = `
const xs = [1, 2, 3];
for (let i = 0; i < 9; i++) process.on('exit', () => {});
process.on('exit', (code) => console.log('at exit', code, process.listenerCount('exit'), process.listeners('exit').length, process.rawListeners('exit').length, [...xs].length));
console.log(process.listenerCount('exit'), process.listeners('exit').length, process.eventNames().includes('exit'), [...xs].length);
`;

/** process.exit() in an exit listener, after nine listeners: the exit status is the listener's, 0, not the 1 set before. */
const EXIT_IN_LISTENER = `
const xs = [1, 2, 3];
for (let i = 0; i < 9; i++) process.once('exit', () => {});
process.on('exit', () => { console.log('exiting', process.listenerCount('exit'), [...xs].length); process.exit(0); });
process.exitCode = 1;
`;

/** signal-exit's way: \`process.emit\` replaced by one that sees 'exit', then put back. */
const REPLACED_EMIT = `
const emit = process.emit;
const seen = [];
process.emit = function (event, ...args) { if (typeof event === 'string') seen.push(event); return emit.call(this, event, ...args); };
process.on('exit', () => console.log('seen', seen.filter((e) => e === 'exit').length, process.emit !== emit, [...[1]].length));
process.emit('custom');
console.log(seen);
`;

const STDOUT_PIPES = `
const { PassThrough } = require('stream');
const xs = [1, 2, 3];
console.log(['unpipe', 'error', 'close', 'finish', 'drain'].map((e) => process.stdout.listenerCount(e) + process.stderr.listenerCount(e)).join(' '), [...xs].length);
const streams = Array.from({ length: 10 }, () => { const s = new PassThrough(); s.pipe(process.stdout); return s; });
streams.forEach((s, i) => s.end('task ' + i + ' done\\n'));
const errors = Array.from({ length: 10 }, () => { const s = new PassThrough(); s.pipe(process.stderr); return s; });
errors.forEach((s, i) => s.end('warning ' + i + '\\n'));
`;

/**
 * What a program lists of its process's events, with an uncaught exception and an unhandled
 * rejection it handles itself: cowlens's crash monitor is not among them.
 */
const EVENT_NAMES = `
const xs = [1, 2, 3];
const counts = () => ['uncaughtExceptionMonitor', 'uncaughtException', 'exit'].map((e) => process.listenerCount(e) + '/' + process.rawListeners(e).length).join(' ');
console.log(process.eventNames(), counts(), [...xs].length);
process.on('uncaughtExceptionMonitor', (error, origin) => console.log('monitor', error.message, origin, counts()));
process.on('uncaughtException', (error, origin) => console.log('handled', error.message, origin, process.eventNames()));
setTimeout(() => { throw new Error('late'); }, 1);
Promise.reject(new Error('rejected'));
`;

const WORKER_EVENT_NAMES = `
const { Worker } = require('worker_threads');
const worker = new Worker("console.log('worker', process.eventNames(), process.listenerCount('uncaughtExceptionMonitor'), [...[1]].length)", { eval: true });
worker.on('exit', () => console.log('main', process.eventNames(), process.listenerCount('uncaughtExceptionMonitor')));
`;

describeSameAsPlain(
  'cowlens adds no listener a program sees',
  {
    'exit-listeners.js': [EXIT_LISTENERS, "ten 'exit' listeners: no MaxListenersExceededWarning, and the program counts its own"],
    'exit-in-listener.js': [EXIT_IN_LISTENER, 'an exit listener that calls process.exit(0), after nine once listeners'],
    'replaced-emit.js': [REPLACED_EMIT, "process.emit replaced as signal-exit does: it sees 'exit'"],
    'stdout-pipes.js': [STDOUT_PIPES, 'ten streams piped into stdout and ten into stderr, with no listener of cowlens on them'],
    'event-names.js': [EVENT_NAMES, "process.eventNames() and listener counts list no crash monitor, before and during an uncaught exception and a rejection the program handles"],
    'worker-event-names.js': [WORKER_EVENT_NAMES, "process.eventNames() lists no crash monitor in a worker thread"],
  },
  ['--no-transform-cache'],
);
