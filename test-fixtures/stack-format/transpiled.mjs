// Source maps stay off until cowlens transpiles a TypeScript module: then they are on, as under tsx.
console.log('before', process.sourceMapsEnabled)
const { firstTag } = await import('./tags.js')
console.log('after', process.sourceMapsEnabled)
try {
  firstTag([])
} catch (e) {
  console.log(e.stack.split('\n').slice(0, 3).join('\n'))
}
