const globalThis = { name: 'mine' }
const Symbol = 'not a symbol'
const Error = 'not an error'
const a = [1, 2]
const b = a.slice()
b.push(3)
console.log(a, b, globalThis.name, Symbol, Error)
