// The program turns source maps on itself: the modules it loads after that are mapped.
process.setSourceMapsEnabled(true)
const { withTag } = await import('./compiled/format.js')
try {
  withTag({ id: 9, tags: [] }, '')
} catch (e) {
  console.log(e.stack)
}
