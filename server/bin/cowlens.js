#!/usr/bin/env node
import process from 'node:process';
// The command's bundle (server/scripts/bundle-cli.mjs), made by `npm run build` after tsc.
import { main } from '../dist/cli-bundle/main.js';

process.exitCode = await main(process.argv.slice(2));
