// prettier `semi: false` / standard style: a write or copy at the start of a line
const o = { a: 1 }
o.b = 2
const api = { setState: (s) => s }
const saved = api.setState

api.setState = (s) => saved(s) + 1
const id = (x) => x
const xs = [3, 1, 9, 7]
let last = id(0)
xs.slice().forEach((v) => { last = v })
const list = [1, 2]
;[...list].forEach((v) => { last += v })
const before = list
list.push(3)
console.log(o, api.setState(5), last, before === list, list)
