// The source map URL of each module of this folder, as a debugger sees it (none, a data URL or a file).
import { Session } from 'node:inspector'
import { basename } from 'node:path'
import { copyOf } from './copies.mjs'
import { withTag } from './compiled/format.js'

const here = new URL('.', import.meta.url).href
const session = new Session()
session.connect()
const maps = {}
session.on('Debugger.scriptParsed', ({ params }) => {
  if (params.url.startsWith(here)) maps[basename(params.url)] = params.sourceMapURL.replace(/^data:.*/, 'data:')
})
session.post('Debugger.enable', () => {
  session.disconnect()
  console.log(JSON.stringify(maps, Object.keys(maps).sort()), copyOf([1]).length, withTag({ id: 1, tags: [] }, 'a').tags.length)
})
