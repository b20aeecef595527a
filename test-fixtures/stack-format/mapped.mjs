// compiled/format.js ships a source map to src/format.ts: with source maps on, its frames point there.
import { withTag } from './compiled/format.js'

const row = { id: 7, tags: ['a'] }
console.log(withTag(row, 'b').tags.join(','))
for (const [bad, tag] of [[{ id: 8 }, 'c'], [row, '']]) {
  try {
    withTag(bad, tag)
  } catch (e) {
    console.log(e.stack)
  }
}
withTag(row, '')
