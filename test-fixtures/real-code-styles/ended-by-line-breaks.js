// Statements without semicolons whose last expression cannot go on (an increment, a yield with
// nothing after it), so that the line ends them, before lines that begin with what could go on
// after an expression: `[`, `(`, a template. cowlens's edits at their end must not let the next
// line join them.
const o = { n: 1 }
const p = { q: 1 }
let a = [1], b = [2]
o.k = p.q++
[a, b] = [b, a]
o.m = p.q--
(function () { o.called = true })()
o.t = p.q++
`template`
function* swap(t) {
  t.got = yield
  [a, b] = [b, a]
}
const gen = swap(o)
gen.next()
gen.next('sent')
function last(t) {
  return t.x = p.q++
  (0)
}
last(o)
class Fields {
  n = o.f = p.q++
  ['computed'] = [...a]
}
console.log(a, b, o, p, new Fields())
