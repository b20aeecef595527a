// mapped-dep ships index.js with a source map: Node maps its frames only when source maps are on.
import { parse } from 'mapped-dep'

try {
  parse(' ', { strict: true })
} catch (e) {
  console.log(e.stack)
}
