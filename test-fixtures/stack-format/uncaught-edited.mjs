// Errors raised on lines that cowlens edits: a copy that fails for its operand, then the
// program's own throw after a copy, uncaught.
const rows = [{ id: 1 }, { id: 2 }]
try {
  const copy = [...rows.missing]
} catch (e) {
  console.log(e.stack)
}
function check(list) {
  const copy = [...list]; if (copy.length > 1) throw new RangeError(`${copy.length} rows`)
}
check(rows)
