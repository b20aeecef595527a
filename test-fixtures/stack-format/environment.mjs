// What the program sees of how it was started.
console.log(JSON.stringify({ execArgv: process.execArgv, NODE_OPTIONS: process.env.NODE_OPTIONS ?? null, sourceMapsEnabled: process.sourceMapsEnabled }))
