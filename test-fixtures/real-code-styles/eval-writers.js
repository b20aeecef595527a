// A direct eval anywhere leaves the scope of every name unknown; the built-ins that write their
// first argument must still reach the runtime, so that a copy of it made before keeps its values.
const o = {}
for (let i = 0; i < 300; i++) o['k' + i] = i
const c = { ...o }
Reflect.set(o, 'k0', 5)
Object.defineProperty(o, 'k1', { value: 7 })
Object.assign(o, { k2: 9 })
console.log(c.k0, c.k1, c.k2, o.k0, o.k1, o.k2)
eval('')
