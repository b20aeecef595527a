// A workload through lodash, for running lodash itself instrumented (--include node_modules/lodash/**):
// lodash copies, merges and writes objects in hundreds of places; its results must not change.
const _ = require('lodash');

const orders = Array.from({ length: 300 }, (_unused, i) => ({
  id: i,
  customer: `c${i % 17}`,
  lines: Array.from({ length: (i % 4) + 1 }, (_u, j) => ({ sku: `s${(i * 7 + j) % 23}`, qty: (j % 3) + 1, price: ((i + j) % 9) + 0.5 })),
  meta: { tags: i % 2 ? ['rush'] : [], created: new Date(Date.UTC(2026, 0, 1 + (i % 28))) },
}));

const totals = _.mapValues(_.groupBy(orders, 'customer'), (list) => _.sumBy(list, (o) => _.sumBy(o.lines, (l) => l.qty * l.price)));
const copy = _.cloneDeep(orders);
_.set(copy, '[0].meta.tags', ['changed']);
const merged = _.merge({}, { a: { b: [1, 2] } }, { a: { b: [3], c: true } });
const defaults = _.defaultsDeep({ x: { y: 1 } }, { x: { y: 2, z: 3 }, w: 4 });
const skus = _.uniq(_.flatMap(orders, (o) => _.map(o.lines, 'sku'))).sort();
const top = _.take(_.orderBy(_.toPairs(totals), [1, 0], ['desc', 'asc']), 3);
const chunks = _.chunk(_.range(10), 3);
const picked = _.pick(_.omit(orders[5], ['lines']), ['id', 'meta']);
const zipped = _.zipObject(['a', 'b', 'c'], _.fill(Array(3), 0));
const shuffledSame = _.isEqual(_.sortBy(_.shuffle(_.clone(skus))), skus);
const template = _.template('<%= name %> has <%= count %> orders')({ name: 'c3', count: _.filter(orders, { customer: 'c3' }).length });
const debounced = _.memoize((n) => _.sum(_.times(n, (i) => i * i)))(50);

console.log(JSON.stringify({ top, merged, defaults, skuCount: skus.length, chunks, picked, zipped, shuffledSame, template, debounced }));
console.log(JSON.stringify([orders[0].meta.tags, copy[0].meta.tags, _.isEqual(orders[1], copy[1])]));
