// A copy that cowlens instruments, then an error thrown from a line it leaves as it is.
const rows = [{ id: 1 }, { id: 2 }]
const copy = [...rows]
console.log(copy.length)
function find(id) {
  throw new RangeError(`no row ${id}`)
}
find(3)
