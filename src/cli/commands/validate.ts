import { readPackOrSay } from '../read-pack';
import type { Command } from './index';

export const validate: Command = {
  summary: 'validate FILE — check a pack (.json or .json.gz) exactly as the extension does',
  async run(args) {
    const file = args[0];
    if (!file) throw new Error('usage: validate FILE');
    const pack = readPackOrSay(file);
    if (!pack) return 1;
    console.log(`${file}: valid — ${pack.title} (${pack.id}) v${pack.version}, ${pack.entities.length} entities`);
    return 0;
  },
};
