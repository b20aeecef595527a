const assign = Object.assign || function polyfill() { return 'polyfill' }
const { assign: assign2 } = Object
const src = { a: 1, nested: { b: 2 } }; for (let i = 0; i < 60; i++) src['k' + i] = i
const c = assign({}, src)
c.a = 5
const d = assign2({}, src)
assign2(src, { extra: true })
console.log(src, c, d)
