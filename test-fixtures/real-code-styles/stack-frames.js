// Errors raised while cowlens makes a copy show the program's frames, not cowlens's.
function top(label, fn) {
  try {
    fn()
  } catch (e) {
    console.log(label, e.stack.split('\n').slice(0, 4).join(' | '))
  }
}
const bad = 5
top('map', () => new Map(bad))
top('spread', () => [...bad])
top('clone', () => structuredClone({ f() {} }))
top('getter', () => ({ ...{ get g() { throw new RangeError('from a getter') } } }))
top('rest', () => { const { a, ...rest } = null; return rest })
top('slice', () => bad.slice())
