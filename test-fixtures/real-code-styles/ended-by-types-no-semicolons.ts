// TypeScript without semicolons: a statement that ends in a type ends where its line does when the
// next line begins with `[`, `(` or a template, which would go on after an expression. cowlens's
// edits at its end (a write's value, a copy) must not let the next line join it.
type Pair = number[]
const o: { k?: Pair; s?: Pair; c?: boolean; t?: Pair } = {}
let a: Pair = [1, 2], b: Pair = [3]
o.k = a.slice() as Pair
[a, b] = [b, a]
o.s = [...a] satisfies Pair
(function () { o.c = true })()
o.t = b.concat(a) as Pair
`template`
const copy = { ...o } as typeof o
[a, b] = [b, a]
console.log(a, b, o, copy)
