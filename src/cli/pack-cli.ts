#!/usr/bin/env node
// The publishers' pack tool: `npm run pack -- <command> …`. Uses the extension's own core code.
import { COMMANDS } from './commands';

const [name, ...args] = process.argv.slice(2);
const command = name ? COMMANDS[name] : undefined;
if (!command) {
  console.log('Usage: npm run pack -- <command> [options]\n');
  for (const [n, c] of Object.entries(COMMANDS)) console.log(`  ${n.padEnd(10)} ${c.summary}`);
  process.exit(name ? 2 : 0);
}
try {
  process.exitCode = await command.run(args);
} catch (e) {
  console.error(`pack ${name}: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
}
