// An inventory store updated immutably, as a reducer-style app updates its state: every action
// copies the maps, sets and objects it changes. Actions run in batches between event-loop turns,
// as a server handling requests would, so a run's figures arrive live. The e2e's speed test runs
// it from the editor and from the CLI, and compares the two.
const ACTIONS = Number(process.argv[2] ?? 20_000);

const items = new Map();
for (let i = 0; i < 2000; i++) items.set(`sku${i}`, { sku: `sku${i}`, qty: i % 50, tags: ['a', 'b'], price: { amount: i, currency: 'EUR' } });
let state = { items, lowStock: new Set(), history: [], version: 0 };

function reduce(state, action) {
  switch (action.type) {
    case 'restock': {
      const items = new Map(state.items);
      const item = items.get(action.sku);
      items.set(action.sku, { ...item, qty: item.qty + action.n });
      const lowStock = new Set(state.lowStock);
      lowStock.delete(action.sku);
      return { ...state, items, lowStock, version: state.version + 1 };
    }
    case 'sell': {
      const items = new Map(state.items);
      const item = items.get(action.sku);
      const next = { ...item, qty: Math.max(0, item.qty - action.n), tags: [...item.tags] };
      items.set(action.sku, next);
      const lowStock = new Set(state.lowStock);
      if (next.qty < 5) lowStock.add(action.sku);
      const history = state.history.slice(-50);
      history.push({ sku: action.sku, n: action.n });
      return { ...state, items, lowStock, history, version: state.version + 1 };
    }
    case 'snapshot':
      return { ...state, saved: structuredClone(state.history) };
    default:
      return state;
  }
}

let seed = 1;
const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;

async function main() {
  for (let i = 0; i < ACTIONS; i++) {
    if (i % 20 === 0) await new Promise((resolve) => setImmediate(resolve));
    const sku = `sku${Math.floor(random() * 2000)}`;
    const r = random();
    const action = r < 0.45 ? { type: 'sell', sku, n: 3 } : r < 0.9 ? { type: 'restock', sku, n: 2 } : { type: 'snapshot' };
    state = reduce(state, action);
    if (i % 500 === 0) console.log(`version ${state.version}, ${state.lowStock.size} low on stock`);
  }
  console.log(`done: version ${state.version}`);
}

await main();
