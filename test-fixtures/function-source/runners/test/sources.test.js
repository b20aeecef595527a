// Functions with copy sites and writes in a test file, which vitest and jest each load through
// their own module runner: their sources go to the file named by SOURCES_OUT, and run elsewhere.
// No import or require: the one file runs under both runners as it is.
const { writeFileSync } = process.getBuiltinModule('node:fs')

const base = [3, 1, 2]
const holder = {}
function declaration(xs) { return [...xs].sort() }
const arrow = (o) => ({ ...o, b: 2 })
const arrowEndingInAWrite = (o) => o.last = Object.assign({}, o)
class Store {
  items = [...base]
  add(i) { this.items.push(i); return this }
}
const multiLine = () => ({
  ...holder,
})

test('function sources read as written', () => {
  expect(declaration([2, 1])).toEqual([1, 2])
  expect(new Store().add(4).items).toEqual([3, 1, 2, 4])
  const sources = [declaration, arrow, arrowEndingInAWrite, Store, Store.prototype.add, multiLine].map(String)
  writeFileSync(process.env.SOURCES_OUT, sources.join('\n---\n'))
  expect(new Function(`return ${declaration}`)()([9, 8])).toEqual([8, 9])
  expect(new Function('return ' + arrow)()({ a: 1 })).toEqual({ a: 1, b: 2 })
})
