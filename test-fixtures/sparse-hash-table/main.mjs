// A sparse hash table copied per request: each request gets its own routing table, `new Map(routes)`,
// so a handler may add or drop a route for that request alone. Few requests ever do: the copies
// could all share the one table and copy it only when one of them writes.

const routes = new Map();
for (let i = 0; i < 600; i++) routes.set(`/api/v1/resource-${i}`, { handler: `handle${i % 12}`, weight: i % 10 });

function requestPaths(n) {
  return [`/api/v1/resource-${(n * 37) % 600}`, `/api/v1/resource-${(n * 101) % 600}`, '/api/v1/debug'];
}

/** Resolves a request's paths against its own copy of the table; every 50th request adds a debug route. */
function handle(n) {
  const table = new Map(routes);
  if (n % 50 === 0) table.set('/api/v1/debug', { handler: 'debug', weight: 100 });
  if (n === 99) table.delete('/api/v1/resource-0');
  let weight = 0;
  let misses = 0;
  for (const path of requestPaths(n)) {
    const route = table.get(path);
    if (route === undefined) misses++;
    else weight += route.weight;
  }
  return { weight, misses, size: table.size };
}

let totalWeight = 0;
let totalMisses = 0;
let smallest = Infinity;
let largest = 0;
for (let n = 0; n < 200; n++) {
  const r = handle(n);
  totalWeight += r.weight;
  totalMisses += r.misses;
  smallest = Math.min(smallest, r.size);
  largest = Math.max(largest, r.size);
}
console.log(`requests=200 weight=${totalWeight} misses=${totalMisses}`);
console.log(`table sizes: ${smallest}..${largest}`);
console.log(`shared table still has ${routes.size} routes, debug=${routes.has('/api/v1/debug')}`);
