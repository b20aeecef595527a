// A write cowlens cannot see: a dependency keeps the list it was given inside another object and reverses it later.
import { normalizeAll, track } from 'deferred-lib';

const names = Array.from({ length: 300 }, (_, i) => `name-${String(i).padStart(3, '0')}`);
track({ names });
const kept = names.slice();
normalizeAll();
console.log(`kept first=${kept[0]} last=${kept[kept.length - 1]}`);
