// TypeScript without semicolons: a delete and an increment cowlens keeps as written (for
// TypeScript's narrowing) begin statements that continue onto the next line, after a line they
// could join.
const a2 = [0]
delete a2[0]
+[...a2]
const o = { n: 1 }
o.n++
+[...a2]
console.log(a2, o)
