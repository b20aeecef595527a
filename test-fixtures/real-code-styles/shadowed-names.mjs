import { Map } from 'immutable-like'
const m = new Map([['a', 1]])
console.log(m.describe())
const structuredClone = (x) => ({ fake: x })
const JSON = { parse: (x) => 'parsed ' + x, stringify: () => 'text' }
console.log(structuredClone(1), JSON.parse(JSON.stringify({ a: 1 })))
function withSet(Set) { return new Set([1, 2]) }
class Box { constructor(x) { this.x = x } }
console.log(withSet(Box))
try { throw { Array: { from: () => 'not Array.from' } } } catch ({ Array }) { console.log(Array.from([1])) }
const _ = { cloneDeep: () => 'not lodash' }
console.log(_.cloneDeep({ a: 1 }))
{
  const Object = { assign: () => 'not Object.assign' }
  console.log(Object.assign({}, { a: 1 }))
}
console.log(hoisted())
function hoisted() { var Map = Box; return new Map([1]) }
console.log([m].slice().length)
